//! What validation reports: one thing wrong with a content file, at its place.
//!
//! The bottom of the content module: every other part of it reports through these
//! types, and they depend on nothing else.

use std::fmt;

/// One thing wrong with a content file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the place was not looked up (the app in the browser does not).
    pub line: usize,
    pub column: usize,
    /// The field, e.g. `pages.missie.blocks[2].text`; empty for the whole document.
    pub path: String,
    pub message: String,
}

impl Problem {
    /// A problem with the field at `path` of `file` (`""` for the whole document),
    /// placed at the start of the file, line 1, column 1, until [`Problem::at`] places
    /// it elsewhere.
    pub fn new(
        file: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            line: 1,
            column: 1,
            path: path.into(),
            message: message.into(),
        }
    }

    /// The same problem at `line` and `column` (both 1-based, in characters).
    pub fn at(self, line: usize, column: usize) -> Self {
        Problem {
            line,
            column,
            ..self
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        if self.line == 0 {
            return write!(f, "{}: {}: {}", self.file, path, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, path, self.message
        )
    }
}

/// Problems of one file, or of a set of files.
pub type Problems = Vec<Problem>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_problem_starts_at_the_top_until_placed() {
        let p = Problem::new("content/a.json", "slug", "is empty");
        assert_eq!((p.line, p.column), (1, 1));
        assert_eq!(p.to_string(), "content/a.json:1:1: slug: is empty");
        let p = p.at(3, 14);
        assert_eq!(p.to_string(), "content/a.json:3:14: slug: is empty");
        let whole = Problem::new("content/a.json", "", "not UTF-8");
        assert_eq!(
            whole.to_string(),
            "content/a.json:1:1: (document): not UTF-8"
        );
        let unplaced = Problem::new("content/a.json", "name", "is empty").at(0, 0);
        assert_eq!(unplaced.to_string(), "content/a.json: name: is empty");
    }
}
