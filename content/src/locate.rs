//! Finds where a value sits in a JSON text, so that a problem found after parsing
//! (an empty page, a bad colour) is reported at a line and column an editor can open.
//!
//! The text has already been parsed by serde_json when this runs, so the scanner can be
//! small: it walks the document once and records the start of every value by its path.

use std::collections::HashMap;

/// Line and column (both 1-based) of every value in a JSON text, keyed by the same
/// path syntax as [`super::Problem::path`]: `pages.missie.blocks[2].text`.
pub struct Locations {
    starts: HashMap<String, (usize, usize)>,
    /// The first character of each value: `{`, `[`, `"`, or that of a number or literal.
    kinds: HashMap<String, u8>,
}

impl Locations {
    pub fn scan(text: &str) -> Locations {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            col: 1,
            starts: HashMap::new(),
            kinds: HashMap::new(),
        };
        scanner.value(String::new(), 0);
        Locations {
            starts: scanner.starts,
            kinds: scanner.kinds,
        }
    }

    /// Whether the value at `path` is written as a JSON object (`{ … }`).
    pub fn is_object(&self, path: &str) -> bool {
        self.kinds.get(path) == Some(&b'{')
    }

    /// Whether the value at `path` is written as a JSON text (`"…"`).
    pub fn is_text(&self, path: &str) -> bool {
        self.kinds.get(path) == Some(&b'"')
    }

    /// Where the value at `path` starts; for a path that does not exist (a missing
    /// field), the nearest existing parent.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path.to_string();
        loop {
            if let Some(found) = self.starts.get(&p) {
                return Some(*found);
            }
            if p.is_empty() {
                return None;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => p.clear(),
            }
        }
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    col: usize,
    starts: HashMap<String, (usize, usize)>,
    kinds: HashMap<String, u8>,
}

/// Deeper than this the scanner stops recording: serde_json refuses such documents anyway.
const MAX_DEPTH: usize = 128;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not UTF-8 continuation bytes.
                self.col += 1;
            }
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.bump();
        }
    }

    fn value(&mut self, path: String, depth: usize) {
        self.skip_ws();
        if depth > MAX_DEPTH {
            return;
        }
        self.starts.insert(path.clone(), (self.line, self.col));
        if let Some(first) = self.peek() {
            self.kinds.insert(path.clone(), first);
        }
        match self.peek() {
            Some(b'{') => {
                self.bump();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'}') | None => {
                            self.bump();
                            return;
                        }
                        Some(b',') => self.bump(),
                        Some(b'"') => {
                            let key = self.string();
                            self.skip_ws();
                            if self.peek() == Some(b':') {
                                self.bump();
                            }
                            let child = if path.is_empty() {
                                key
                            } else {
                                format!("{path}.{key}")
                            };
                            self.value(child, depth + 1);
                        }
                        Some(_) => self.bump(),
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                let mut index = 0;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') | None => {
                            self.bump();
                            return;
                        }
                        Some(b',') => {
                            self.bump();
                            index += 1;
                        }
                        Some(_) => {
                            let before = self.pos;
                            self.value(format!("{path}[{index}]"), depth + 1);
                            if self.pos == before {
                                self.bump();
                            }
                        }
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.bump();
                }
            }
            None => {}
        }
    }

    /// Reads a string starting at its opening quote; returns its raw contents (escapes
    /// kept as written, which is fine for object keys).
    fn string(&mut self) -> String {
        self.bump();
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => break,
                _ => self.bump(),
            }
        }
        let s = String::from_utf8_lossy(&self.bytes[start..self.pos]).into_owned();
        self.bump();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_falls_back_to_parents() {
        let text = "{\n  \"a\": {\n    \"b\": [1, {\"c\": \"x\"}]\n  }\n}";
        let loc = Locations::scan(text);
        assert_eq!(loc.find(""), Some((1, 1)));
        assert_eq!(loc.find("a"), Some((2, 8)));
        assert_eq!(loc.find("a.b"), Some((3, 10)));
        assert_eq!(loc.find("a.b[1].c"), Some((3, 20)));
        assert_eq!(loc.find("a.b[1].missing"), Some((3, 14)));
    }
}
