//! What validation reports: one thing wrong with a content file, at its place.
//!
//! The bottom of the content module: every other part of it reports through these
//! types, and they depend on nothing else but `chars` (to print content safely).

use std::fmt;

use super::chars::escape;

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

/// `file:line:column: path: message` on one line, every hidden character of them
/// escaped (`\u{1b}`): content and file names reach terminals and CI logs through
/// this, and may not drive them.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        let (file, path, message) = (escape(&self.file), escape(path), escape(&self.message));
        if self.line == 0 {
            return write!(f, "{file}: {path}: {message}");
        }
        write!(f, "{file}:{}:{}: {path}: {message}", self.line, self.column)
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

    #[test]
    fn what_is_shown_cannot_drive_a_terminal() {
        let p = Problem::new(
            "content/\u{1b}[2J.json",
            "pages.\u{202e}x",
            "\"#7a1e3a\u{1b}]8;;https://x.example\u{7}\" is not a colour\nok",
        );
        assert_eq!(
            p.to_string(),
            "content/\\u{1b}[2J.json:1:1: pages.\\u{202e}x: \"#7a1e3a\\u{1b}]8;;https://x.example\\u{7}\" is not a colour\\u{a}ok"
        );
    }
}
