//! Properties of reading content, over generated input: whatever the bytes, reading
//! never panics and every problem has a place; any organisation written out as JSON
//! reads back as itself or is refused at the very value that is wrong.
//!
//! Bounded for CI at 256 cases per property; `PROPTEST_CASES=10000 cargo test --features
//! ssr --test it properties` runs longer. Failures are printed with their shrunk input (no
//! regression files are written).

use std::sync::OnceLock;

use koers::content::{
    contrast, escape, parse_index, parse_organisation, parse_time, Address, Block, Change,
    ContactPoint, Definition, OpeningPeriod, Organisation, Page, PageKind, Pages, Problem, Weekday,
    MAX_SHORT_NAME_CHARS, MIN_CONTRAST,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

pub(crate) fn config() -> ProptestConfig {
    // `proptest!` still lets PROPTEST_CASES (and the other PROPTEST_ variables) override this.
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    }
}

/// Reads `file` as the app would: `index.json` as the index, anything else as an
/// organisation. The problems, if any.
fn read(file: &str, bytes: &[u8]) -> Vec<Problem> {
    let result = if file.ends_with("index.json") {
        parse_index(file, bytes).map(drop)
    } else {
        parse_organisation(file, bytes).map(drop)
    };
    result.err().unwrap_or_default()
}

/// Every problem names the file, has a line and column from 1 with the line inside the
/// file, and displays as `file:line:column: `.
fn check_placed(file: &str, bytes: &[u8], problems: &[Problem]) -> Result<(), TestCaseError> {
    let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
    for p in problems {
        prop_assert_eq!(&p.file, file);
        prop_assert!(p.line >= 1 && p.column >= 1, "no place: {}", p);
        prop_assert!(
            p.line <= lines,
            "line beyond the file's {} lines: {}",
            lines,
            p
        );
        // The file's name as printed: with its hidden characters escaped.
        let prefix = format!("{}:{}:{}: ", escape(file), p.line, p.column);
        let shown = p.to_string();
        prop_assert!(
            shown.starts_with(&prefix),
            "{} does not start with {}",
            p,
            prefix
        );
        prop_assert_eq!(
            escape(&shown),
            shown.as_str(),
            "printed with a hidden character"
        );
        prop_assert!(!p.message.is_empty(), "no message: {}", p);
    }
    Ok(())
}

/// Pieces of JSON, valid and not, so that random input reaches deep into the parser.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", ":", ",", "\"", " ", "\n", "\r\n", "\t", "\"slug\"", "\"name\"",
    "\"accent\"", "\"pages\"", "\"missie\"", "\"contact\"", "\"blocks\"", "\"type\"",
    "\"paragraph\"", "\"list\"", "\"items\"", "\"text\"", "\"x\"", "\"é–“\"", "\"<b>\"",
    "\"#7a1e3a\"", "\"organisations\"", "0", "-1.5e3", "null", "true", "\\", "\\u00e9",
    "\\ud800", "é", "🙂", "\u{feff}", "\u{0}", "//", "'",
];

fn json_like() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..64).prop_map(|t| t.concat().into_bytes())
}

proptest! {
    #![proptest_config(config())]

    /// (a) Arbitrary bytes: never a panic, every problem placed.
    #[test]
    fn any_bytes_are_read_without_panic(
        bytes in prop_oneof![prop::collection::vec(any::<u8>(), 0..512), json_like()],
        as_index in any::<bool>(),
    ) {
        let file = if as_index { "index.json" } else { "x.json" };
        let problems = read(file, &bytes);
        prop_assert!(!problems.is_empty(), "random input accepted: {:?}", String::from_utf8_lossy(&bytes));
        check_placed(file, &bytes, &problems)?;
    }
}

/// How organisations are generated: valid ones (every field within the rules), or wild
/// ones (any text, markup, control characters, empty lists, pages and blocks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Valid,
    Wild,
}

/// Text a resident could read: starts with a letter, then letters (also accented),
/// digits, spaces, punctuation and the odd newline, never markup or control characters.
fn valid_text(max: usize) -> BoxedStrategy<String> {
    let rest = prop_oneof![
        8 => prop::char::range('a', 'z'),
        2 => Just(' '),
        2 => prop::sample::select(&['é', 'ë', 'É', '–', '“', '”', '’', '€', '🙂', 'ß', '\n', '"', '\\', '>', '&', '/'][..]),
        1 => prop::sample::select(&['.', ',', ';', ':', '!', '?', '(', ')', '0', '7', '<', '=', ' '][..]),
    ];
    (
        prop::char::range('A', 'Z'),
        prop::collection::vec(rest, 0..max),
    )
        .prop_map(|(first, rest)| {
            // `<` only before a space or a digit, which is not markup.
            let s: String = std::iter::once(first).chain(rest).collect();
            s.replace("<", "< ")
        })
        .boxed()
}

/// A name: valid text on one line (a name holds no control character, not even a
/// line break).
fn valid_name(max: usize) -> BoxedStrategy<String> {
    valid_text(max).prop_map(|s| s.replace('\n', " ")).boxed()
}

/// Any text: unicode, markup, quotes, control characters, white space only, nothing.
fn wild_text() -> BoxedStrategy<String> {
    let c = prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => prop::sample::select(&[' ', '<', '>', '/', '"', '\\', '\n', '\t', '\r', '\u{0}', '\u{7f}', '\u{85}', '\u{200b}', '\u{feff}', 'é', '“', '🙂', '!', '?', 'b', 'p'][..]),
        1 => any::<char>(),
    ];
    prop::collection::vec(c, 0..24)
        .prop_map(String::from_iter)
        .boxed()
}

fn valid_slug() -> BoxedStrategy<String> {
    let word = |max| {
        prop::collection::vec(
            prop::sample::select(&['a', 'e', 'h', 'o', 'z', '0', '9'][..]),
            1..max,
        )
    };
    (
        prop::char::range('a', 'z'),
        word(8),
        prop::collection::vec(word(5), 0..3),
    )
        .prop_map(|(first, w, more)| {
            let mut s: String = std::iter::once(first).chain(w).collect();
            for m in more {
                s.push('-');
                s.extend(m);
            }
            s
        })
        .boxed()
}

fn valid_accent() -> BoxedStrategy<String> {
    any::<(u8, u8, u8)>()
        .prop_filter("too light for white", |c| {
            contrast(*c, (255, 255, 255)) >= MIN_CONTRAST
        })
        .prop_map(|(r, g, b)| format!("#{r:02x}{g:02X}{b:02x}"))
        .boxed()
}

/// The strategies for each kind of field, valid or wild.
pub(crate) struct Fields {
    kind: Kind,
    pub(crate) text: BoxedStrategy<String>,
    pub(crate) name: BoxedStrategy<String>,
    pub(crate) slug: BoxedStrategy<String>,
    short_name: BoxedStrategy<String>,
    accent: BoxedStrategy<String>,
    phone: BoxedStrategy<String>,
    email: BoxedStrategy<String>,
    postcode: BoxedStrategy<String>,
    href: BoxedStrategy<String>,
    website: BoxedStrategy<String>,
    time: BoxedStrategy<String>,
}

impl Fields {
    pub(crate) fn new(kind: Kind) -> Fields {
        let select = |options: &'static [&'static str]| {
            prop::sample::select(options).prop_map(String::from).boxed()
        };
        let valid = Fields {
            kind,
            text: valid_text(40),
            name: valid_name(40),
            slug: valid_slug(),
            short_name: valid_name(MAX_SHORT_NAME_CHARS)
                .prop_map(|s| s.chars().take(MAX_SHORT_NAME_CHARS).collect())
                .boxed(),
            accent: valid_accent(),
            phone: select(&[
                "011 80 80 86",
                "+32 11 80 80 86",
                "014/99.88.77",
                "(03) 123 45 67",
            ]),
            email: select(&[
                "welzijn@voorbeeldgem.example",
                "info@proefdorp.example",
                "a.b+c@ocmw.example.org",
            ]),
            postcode: select(&["3550", "2270", "1000", "9999"]),
            href: select(&[
                "https://www.voorbeeldgem.example",
                "http://x.be/a?b=c",
                "tel:+3211808086",
                "mailto:info@proefdorp.example",
            ]),
            website: select(&[
                "https://www.voorbeeldgem.example/welzijn",
                "http://ocmw.example.org",
            ]),
            time: select(&["00:00", "09:00", "9:30", "12.00", "13:30", "17:00", "24:00"]),
        };
        if kind == Kind::Valid {
            return valid;
        }
        let or_wild = |s: BoxedStrategy<String>| prop_oneof![s, wild_text()].boxed();
        Fields {
            kind,
            text: or_wild(valid.text),
            name: or_wild(valid.name),
            slug: or_wild(valid.slug),
            short_name: or_wild(valid.short_name),
            accent: prop_oneof![
                valid.accent,
                any::<(u8, u8, u8)>().prop_map(|(r, g, b)| format!("#{r:02x}{g:02x}{b:02x}")),
                wild_text()
            ]
            .boxed(),
            phone: or_wild(valid.phone),
            email: or_wild(valid.email),
            postcode: or_wild(valid.postcode),
            href: or_wild(
                prop_oneof![
                    valid.href,
                    select(&[
                        "javascript:alert(1)",
                        "data:text/html,x",
                        "https://",
                        "ftp://x.be",
                        " https://a b"
                    ])
                ]
                .boxed(),
            ),
            website: or_wild(valid.website),
            time: or_wild(
                prop_oneof![valid.time, select(&["9u", "25:00", "12:60", "9:0", ""])].boxed(),
            ),
        }
    }

    /// A list of `item`s: never empty when valid.
    fn list<T: std::fmt::Debug + 'static>(
        &self,
        item: impl Strategy<Value = T> + 'static,
        max: usize,
    ) -> BoxedStrategy<Vec<T>> {
        let min = if self.kind == Kind::Valid { 1 } else { 0 };
        prop::collection::vec(item, min..max).boxed()
    }

    fn contact(&self) -> BoxedStrategy<ContactPoint> {
        let address = (self.text.clone(), self.postcode.clone(), self.text.clone()).prop_map(
            |(street, postcode, city)| Address {
                street,
                postcode,
                city,
            },
        );
        let opt = |s: &BoxedStrategy<String>| prop::option::of(s.clone());
        let valid = self.kind == Kind::Valid;
        let period = (
            prop::sample::select(&Weekday::ALL[..]),
            self.time.clone(),
            self.time.clone(),
        )
            .prop_map(|(day, opens, closes)| OpeningPeriod { day, opens, closes })
            // Opening and closing at once is refused; a valid contact never does that.
            .prop_filter("opens at its close", move |p| {
                !valid || parse_time(&p.opens) != parse_time(&p.closes)
            });
        (
            self.name.clone(),
            prop::option::of(address),
            opt(&self.phone),
            opt(&self.phone),
            opt(&self.email),
            opt(&self.website),
            self.phone.clone(),
            prop::collection::vec(period, 0..4),
        )
            .prop_map(
                move |(name, address, phone, fax, email, website, fallback, hours)| {
                    // A valid contact has at least one way to reach it.
                    let none = address.is_none()
                        && phone.is_none()
                        && email.is_none()
                        && website.is_none();
                    let phone = if valid && none { Some(fallback) } else { phone };
                    ContactPoint {
                        name,
                        address,
                        phone,
                        fax,
                        email,
                        website,
                        hours,
                    }
                },
            )
            .boxed()
    }

    fn block(&self) -> BoxedStrategy<Block> {
        let t = || self.text.clone();
        let definition =
            (t(), t()).prop_map(|(term, description)| Definition { term, description });
        prop_oneof![
            t().prop_map(|text| Block::Heading { text }),
            t().prop_map(|text| Block::Paragraph { text }),
            self.list(t(), 4).prop_map(|items| Block::List { items }),
            (t(), t()).prop_map(|(text, source)| Block::Quote { text, source }),
            self.list(definition, 3)
                .prop_map(|items| Block::Definitions { items }),
            (t(), self.list(t(), 4))
                .prop_map(|(title, ambitions)| Block::Theme { title, ambitions }),
            self.contact().prop_map(Block::Contact),
            (t(), self.href.clone()).prop_map(|(label, href)| Block::Link { label, href }),
        ]
        .boxed()
    }

    fn page(&self) -> BoxedStrategy<Page> {
        (
            self.text.clone(),
            self.text.clone(),
            self.list(self.block(), 4),
        )
            .prop_map(|(title, description, blocks)| Page {
                title,
                description,
                blocks,
            })
            .boxed()
    }

    pub(crate) fn organisation(&self) -> BoxedStrategy<Organisation> {
        let page = || prop::option::of(self.page());
        let pages =
            (page(), page(), page(), page()).prop_map(|(missie, visie, ambities, contact)| Pages {
                missie,
                visie,
                ambities,
                contact,
            });
        let valid = self.kind == Kind::Valid;
        // Change notes: real days (a valid organisation's put newest first, about pages
        // it has, each once).
        let day =
            (2000u16..2031, 1u8..13, 1u8..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        let kinds = prop::collection::vec(prop::sample::select(PageKind::ALL.to_vec()), 0..3);
        let change = (day, self.text.clone(), kinds).prop_map(|(date, note, pages)| Change {
            date,
            note,
            pages,
        });
        let fields = (
            self.slug.clone(),
            self.name.clone(),
            self.short_name.clone(),
            self.accent.clone(),
            self.text.clone(),
            pages,
            self.list(change, 3),
        );
        fields
            .prop_map(
                move |(slug, name, short_name, accent, description, pages, mut changes)| {
                    if valid {
                        changes.sort_by(|a, b| b.date.cmp(&a.date));
                        for change in &mut changes {
                            change.pages.retain(|k| pages.get(*k).is_some());
                            change.pages.sort_by_key(|k| k.slug());
                            change.pages.dedup();
                        }
                    }
                    Organisation {
                        slug,
                        name,
                        short_name,
                        accent,
                        description,
                        enterprise_number: None,
                        changes,
                        pages,
                    }
                },
            )
            .prop_filter("a valid organisation has a page", move |o| {
                !valid || !o.pages.present().is_empty()
            })
            .boxed()
    }
}

/// The value at a problem path (`pages.missie.blocks[2].text`; empty for the root).
fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(root);
    }
    path.split('.').try_fold(root, |value, segment| {
        let mut parts = segment.split('[');
        let key = parts.next()?;
        let mut v = if key.is_empty() {
            value
        } else {
            value.get(key)?
        };
        for index in parts {
            v = v.get(index.strip_suffix(']')?.parse::<usize>().ok()?)?;
        }
        Some(v)
    })
}

/// The text from `line`, `column` (1-based, in characters) to the end of that line.
fn text_at(text: &str, line: usize, column: usize) -> String {
    let l = text.split('\n').nth(line - 1).unwrap_or("");
    l.chars().skip(column - 1).collect()
}

/// Written as `text`, `org` reads back as itself, or each problem is at a value that
/// exists: its path leads to it and its line and column to where its JSON starts.
fn reads_back_or_points_at_a_value(org: &Organisation, pretty: bool) -> Result<(), TestCaseError> {
    let text = if pretty {
        serde_json::to_string_pretty(org)
    } else {
        serde_json::to_string(org)
    }
    .unwrap();
    let file = format!("{}.json", org.slug);
    match parse_organisation(&file, text.as_bytes()) {
        Ok(read) => prop_assert_eq!(&read, org),
        Err(problems) => {
            check_placed(&file, text.as_bytes(), &problems)?;
            let tree = serde_json::to_value(org).unwrap();
            for p in &problems {
                let value = lookup(&tree, &p.path);
                prop_assert!(value.is_some(), "{} names no value of\n{}", p, text);
                // A text as written; a list or an object by its opening bracket.
                let mut start = serde_json::to_string(value.unwrap()).unwrap();
                if !start.starts_with('"') {
                    start.truncate(1);
                }
                let found = text_at(&text, p.line, p.column);
                prop_assert!(
                    found.starts_with(&start),
                    "{} points at {:?}, not at {:?}",
                    p,
                    found,
                    start
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// (b) Any organisation, valid or not, written pretty or compact.
    #[test]
    fn written_organisations_read_back_or_point_at_the_wrong_value(org in Fields::new(Kind::Wild).organisation()) {
        reads_back_or_points_at_a_value(&org, true)?;
        reads_back_or_points_at_a_value(&org, false)?;
    }

    /// (b) An organisation within every rule reads back as itself.
    #[test]
    fn valid_organisations_read_back_as_themselves(org in Fields::new(Kind::Valid).organisation()) {
        for text in [serde_json::to_string_pretty(&org).unwrap(), serde_json::to_string(&org).unwrap()] {
            let read = parse_organisation(&format!("content/{}.json", org.slug), text.as_bytes());
            prop_assert!(read.as_ref() == Ok(&org), "{:#?}\n{}", read.err(), text);
        }
    }
}

/// The real content files, as (name, bytes).
fn samples() -> &'static [(String, Vec<u8>)] {
    static S: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(crate::common::content_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        assert!(files.len() >= 2, "no content in public/content/");
        files
    })
}

/// One small change to a valid file.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    FlipByte(Index, u8),
    DeleteChar(Index),
    InsertByte(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1u8..).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        any::<Index>().prop_map(Mutation::DeleteChar),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::InsertByte(i, b)),
    ]
}

fn mutate(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match m {
        Mutation::Truncate(i) => out.truncate(i.index(bytes.len())),
        Mutation::FlipByte(i, x) => out[i.index(bytes.len())] ^= x,
        Mutation::DeleteChar(i) => {
            let text = std::str::from_utf8(bytes).unwrap();
            let (at, c) = text
                .char_indices()
                .nth(i.index(text.chars().count()))
                .unwrap();
            out.drain(at..at + c.len_utf8());
        }
        Mutation::InsertByte(i, b) => out.insert(i.index(bytes.len() + 1), *b),
    }
    out
}

proptest! {
    #![proptest_config(config())]

    /// (c) A valid file changed a little: never a panic, every problem placed, and a file
    /// cut before its last `}` always refused.
    #[test]
    fn changed_files_are_read_without_panic(sample in any::<Index>(), m in mutation()) {
        let (name, bytes) = sample.get(samples());
        let changed = mutate(bytes, &m);
        let problems = read(name, &changed);
        check_placed(name, &changed, &problems)?;
        if let Mutation::Truncate(_) = m {
            let last_brace = bytes.iter().rposition(|b| *b == b'}').unwrap();
            prop_assert!(changed.len() > last_brace || !problems.is_empty(), "{} cut at {} accepted", name, changed.len());
        }
    }
}
