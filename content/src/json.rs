//! Koers' one JSON reader: a small parser into plain values that know where they
//! start, and [`Locations`], the line and column of a value by its field path.
//!
//! The residents' wasm carries no serde deserialisers (BENCHMARKS.md, issue 13): this
//! parser and the readers in `read.rs` take their place. Every build places the rules'
//! problems with it (`Locations`): the editors' check, where serde_json has read the
//! text first, and the residents' browser. Numbers are kept as written, since content
//! has none to compute with, so no float parsing comes along. An error says what is
//! wrong and where (line and column, in characters), in the words of `invalid JSON: …`
//! that the editors' check also uses.

/// A JSON value and where it starts in its text.
#[derive(Debug, Clone)]
pub struct Json {
    pub value: Value,
    /// The byte offset of its first character.
    at: usize,
}

/// What a JSON value holds. An object keeps its fields in the order written.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    /// As written, e.g. `-1.5e3`.
    Number(String),
    Text(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Line and column (both 1-based, in characters) of the values of a JSON text, by the
/// path of [`super::Problem::path`]: `pages.missie.blocks[2].text`. Made for a text
/// that has been read already: of one that does not parse, nothing is found.
pub struct Locations<'a> {
    text: &'a str,
    root: Option<Json>,
}

impl<'a> Locations<'a> {
    pub fn scan(text: &'a str) -> Locations<'a> {
        Locations {
            text,
            root: parse(text).ok(),
        }
    }

    /// The value at `path`, or the nearest value above it that exists, and whether it
    /// is the one at `path` itself.
    fn get(&self, path: &str) -> Option<(&Json, bool)> {
        let mut value = self.root.as_ref()?;
        for segment in path.split('.').filter(|s| !s.is_empty()) {
            let (name, indexes) = segment.split_once('[').unwrap_or((segment, ""));
            let keys = (!name.is_empty()).then_some(Ok(name));
            let indexes = indexes
                .split('[')
                .filter(|s| !s.is_empty())
                .map(|i| Err(i.trim_end_matches(']')));
            for key in keys.into_iter().chain(indexes) {
                let child = match (&value.value, key) {
                    (Value::Object(fields), Ok(name)) => {
                        fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
                    }
                    (Value::List(items), Err(i)) => {
                        i.parse().ok().and_then(|i: usize| items.get(i))
                    }
                    _ => None,
                };
                match child {
                    Some(child) => value = child,
                    None => return Some((value, false)),
                }
            }
        }
        Some((value, true))
    }

    /// Whether the value at `path` is written as a JSON object (`{ … }`).
    pub fn is_object(&self, path: &str) -> bool {
        matches!(
            self.get(path),
            Some((
                Json {
                    value: Value::Object(_),
                    ..
                },
                true
            ))
        )
    }

    /// Whether the value at `path` is written as a JSON text (`"…"`).
    pub fn is_text(&self, path: &str) -> bool {
        matches!(
            self.get(path),
            Some((
                Json {
                    value: Value::Text(_),
                    ..
                },
                true
            ))
        )
    }

    /// Where the value at `path` starts; for a path that does not exist (a missing
    /// field), the nearest value above it.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        self.get(path)
            .map(|(value, _)| position(self.text, value.at))
    }
}

/// Line and column (1-based, in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// How many lists and objects may nest: as many as serde_json reads (the editors'
/// check), so both refuse the same documents. A content file nests seven levels, the
/// content embedded in a page nine.
const MAX_DEPTH: u32 = 127;

/// Reads one JSON value that fills `text` (white space around it allowed).
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser { text, at: 0 };
    let value = p.value(0)?;
    p.space();
    if p.at < text.len() {
        return Err(p.error("more text after the end of the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += found as usize;
        found
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn error(&self, what: &str) -> String {
        let what = if self.at >= self.text.len() {
            "the file ends too early (is it cut off?)"
        } else {
            what
        };
        let (line, column) = position(self.text, self.at);
        format!("invalid JSON: {what} at line {line}, column {column}")
    }

    fn value(&mut self, depth: u32) -> Result<Json, String> {
        self.space();
        let at = self.at;
        Ok(Json {
            value: self.bare(depth)?,
            at,
        })
    }

    /// The value that starts here, without its place.
    fn bare(&mut self, depth: u32) -> Result<Value, String> {
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                Err(self.error("lists and objects nest too deeply"))
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.list(depth),
            Some(b'"') => self.text().map(Value::Text),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for (word, value) in [
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("null", Value::Null),
                ] {
                    if self.text[self.at..].starts_with(word) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(self.error("expected a value"))
            }
        }
    }

    fn object(&mut self, depth: u32) -> Result<Value, String> {
        self.items(b'}', |p| {
            p.space();
            if p.peek() != Some(b'"') {
                return Err(p.error("expected a field name in double quotes"));
            }
            let key = p.text()?;
            p.space();
            if !p.eat(b':') {
                return Err(p.error("expected `:` after the field name"));
            }
            Ok((key, p.value(depth + 1)?))
        })
        .map(Value::Object)
    }

    fn list(&mut self, depth: u32) -> Result<Value, String> {
        self.items(b']', |p| p.value(depth + 1)).map(Value::List)
    }

    /// The items of a list or the fields of an object, each read by `item`, from the
    /// opening bracket to `close`.
    fn items<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.eat(close) {
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            self.space();
            if !self.eat(b',') {
                return match self.eat(close) {
                    true => Ok(items),
                    false if close == b'}' => Err(self.error("expected `,` or `}`")),
                    false => Err(self.error("expected `,` or `]`")),
                };
            }
        }
    }

    /// A text in double quotes, its escapes resolved.
    fn text(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            // Stops only at ASCII bytes, so the slice is whole characters.
            out.push_str(&self.text[start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                _ => return Err(self.error("a text must end with `\"` on the same line")),
            }
        }
    }

    /// The character an escape after `\` stands for.
    fn escape(&mut self) -> Result<char, String> {
        let c = match self.peek() {
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF if self.text[self.at..].starts_with("\\u") => {
                        self.at += 2;
                        match self.hex4()? {
                            low @ 0xDC00..=0xDFFF => {
                                0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                            }
                            _ => first,
                        }
                    }
                    code => code,
                };
                // A surrogate without its pair is no character: refused, as serde_json
                // (the editors' check) refuses it.
                return char::from_u32(code)
                    .ok_or_else(|| self.error("a `\\u` surrogate escape without its pair"));
            }
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            _ => return Err(self.error("unknown escape after `\\`")),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("`\\u` needs four hexadecimal digits"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// A number as JSON writes it: `-`, digits without a leading zero, a fraction and
    /// an exponent.
    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        self.eat(b'-');
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at - from
        };
        let whole = self.at;
        let n = digits(self);
        if n == 0 || (n > 1 && self.text.as_bytes()[whole] == b'0') {
            return Err(self.error("a number needs digits, without a leading zero"));
        }
        if self.eat(b'.') && digits(self) == 0 {
            return Err(self.error("a number needs digits after its `.`"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if digits(self) == 0 {
                return Err(self.error("a number needs digits in its exponent"));
            }
        }
        Ok(Value::Number(self.text[start..self.at].to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// This module's value in serde_json's form (numbers read by serde_json).
    fn to_serde(json: &Json) -> serde_json::Value {
        use serde_json::Value as V;
        match &json.value {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => serde_json::from_str(n).unwrap(),
            Value::Text(s) => V::String(s.clone()),
            Value::List(items) => V::Array(items.iter().map(to_serde).collect()),
            Value::Object(fields) => V::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), to_serde(v)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn every_content_file_reads_as_serde_json_reads_it() {
        for (path, text) in crate::content_files() {
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(to_serde(&parse(&text).unwrap()), expected, "{path}");
        }
    }

    #[test]
    fn escapes_texts_and_numbers_read_as_serde_json_reads_them() {
        for text in [
            r#"{"a": "tab\tquote\" slash\/ back\\ \u00e9\u20AC \ud83d\ude00 é", "b": [true, false, null]}"#,
            r#"[0, -0, 12, -3.25, 1e3, 2E-2, 4.5e+1, "", [], {}]"#,
            "  \r\n\t\"Zoë\"  ",
        ] {
            let expected: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(to_serde(&parse(text).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn finds_nested_values_and_falls_back_to_parents() {
        let text = "{\n  \"a\": {\n    \"b\": [1, {\"c\": \"x\"}]\n  }\n}";
        let loc = Locations::scan(text);
        assert_eq!(loc.find(""), Some((1, 1)));
        assert_eq!(loc.find("a"), Some((2, 8)));
        assert_eq!(loc.find("a.b"), Some((3, 10)));
        assert_eq!(loc.find("a.b[1].c"), Some((3, 20)));
        assert_eq!(loc.find("a.b[1].missing"), Some((3, 14)));
        assert_eq!(loc.find("a.b[7]"), Some((3, 10)));
        assert!(loc.is_object("a") && loc.is_object("a.b[1]"));
        assert!(loc.is_text("a.b[1].c") && !loc.is_text("a.b[0]"));
        assert!(
            !loc.is_object("a.b[1].missing"),
            "not there: its parent is no answer"
        );
        // Columns count characters, not bytes.
        assert_eq!(Locations::scan("{\"é\": \"ü\"}").find("é"), Some((1, 7)));
        assert_eq!(
            Locations::scan("{").find("a"),
            None,
            "a text that does not parse"
        );
    }

    #[test]
    fn what_is_not_json_is_an_error_with_its_place_not_a_crash() {
        for (text, cause) in [
            ("", "ends too early"),
            (r#"{"a": "b""#, "ends too early"),
            (r#"{"a": "b"#, "ends too early"),
            (
                "{\"a\":\n  \"b\" \"c\"}",
                "expected `,` or `}` at line 2, column 7",
            ),
            ("[1, 2,]", "expected a value"),
            ("{a: 1}", "field name in double quotes"),
            (r#"{"a" 1}"#, "expected `:`"),
            (r#"{"a": 01}"#, "leading zero"),
            (r#"{"a": -}"#, "needs digits"),
            (r#"{"a": 1.}"#, "after its `.`"),
            (r#"{"a": 1e}"#, "exponent"),
            (r#"{"a": "\x"}"#, "unknown escape"),
            (r#"{"a": "\u12"}"#, "four hexadecimal digits"),
            ("{\"a\": \"two\nlines\"}", "same line"),
            ("{} {}", "more text after the end"),
            ("nul", "expected a value"),
            ("\"é", "ends too early"),
        ] {
            let error = parse(text).unwrap_err();
            assert!(error.starts_with("invalid JSON: "), "{text}: {error}");
            assert!(error.contains(cause), "{text}: {error}");
        }
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(parse(&deep(128)).unwrap_err().contains("nest too deeply"));
        assert!(parse(&deep(127)).is_ok(), "as deep as serde_json reads");
        // A surrogate escape without its pair is no character: refused, as serde_json
        // refuses it (it used to read as U+FFFD, which the editors' check never accepted).
        for lone in [
            r#""\ud800 lone""#,
            r#""\ud800\u0041""#,
            r#""\udc00""#,
            r#""\ud83d\ud83d""#,
            r#""end \udbff""#,
        ] {
            let error = parse(lone).unwrap_err();
            assert!(
                error.contains("surrogate escape without its pair"),
                "{lone}: {error}"
            );
            assert!(
                serde_json::from_str::<serde_json::Value>(lone).is_err(),
                "{lone}"
            );
        }
    }
}
