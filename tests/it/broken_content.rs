//! Broken content is refused, each time with the problem an editor needs: the field
//! path, what is wrong, and (where the text allows it) the exact line and column.
//!
//! The corpus is `tests/broken/`. Every organisation file there carries a slug equal to
//! its own file stem and is parsed under its real name (`tests/broken/<stem>.json`), so
//! the rule "the slug equals the file name" holds and each file is refused only for what
//! its name says; `slug-not-filename.json` and `bad-slug.json` break that rule on
//! purpose. Files named `index-*.json` are index files. Cases too large or too odd to
//! commit (deep nesting, a 1 MB string, a file over the size limit) are generated here.

use std::path::Path;

use koers::content::{
    check_set, parse_index, parse_organisation, residents, Block, ContentIndex, IndexEntry,
    Organisation, Page, Pages, Problem, MAX_FILE_BYTES, MAX_PAGE_BLOCKS, MAX_PAGE_ITEMS,
    MAX_SHORT_NAME_CHARS, MAX_TEXT_CHARS,
};

/// Where a problem must be reported.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// This line and column (both 1-based; columns count characters, as editors do).
    At(usize, usize),
    /// Somewhere on these lines. For shape errors (an unknown field, a wrong type, a
    /// missing field) whether the column is the start or the end of the offending key,
    /// value or object is a convention; the line is not.
    Lines(usize, usize),
    /// Anywhere: `check_set` gets no text, so it cannot place its problems.
    Unplaced,
}

/// One expected problem: the exact field path, a part of the message, and its place.
#[derive(Debug)]
struct Expect {
    path: &'static str,
    message: &'static str,
    place: Place,
}

const fn at(line: usize, column: usize, path: &'static str, message: &'static str) -> Expect {
    Expect {
        path,
        message,
        place: Place::At(line, column),
    }
}

const fn on_lines(first: usize, last: usize, path: &'static str, message: &'static str) -> Expect {
    Expect {
        path,
        message,
        place: Place::Lines(first, last),
    }
}

const fn unplaced(path: &'static str, message: &'static str) -> Expect {
    Expect {
        path,
        message,
        place: Place::Unplaced,
    }
}

/// Markup in a text: the message names what was found.
const HTML: &str = "contains HTML markup";
/// The same shape error for JSON lists where an object is expected.
const NOT_AN_OBJECT: &str = "object";

/// Every file in `tests/broken/` with exactly the problems it must give.
#[rustfmt::skip]
const CORPUS: &[(&str, &[Expect])] = &[
    // Not JSON, or not text: one problem, at the exact place.
    ("empty-file.json", &[at(1, 1, "", "the file ends too early")]),
    ("truncated.json", &[at(12, 8, "pages.missie.blocks", "the file ends too early")]),
    ("trailing-garbage.json", &[at(20, 1, "", "invalid JSON: trailing characters")]),
    ("trailing-comma.json", &[on_lines(15, 16, "pages.missie.blocks", "invalid JSON: trailing comma")]),
    ("missing-comma.json", &[at(5, 3, "", "invalid JSON: expected `,` or `}`")]),
    ("nested-missing-comma.json", &[at(14, 11, "pages.missie.blocks[0]", "invalid JSON: expected `,` or `}`")]),
    ("comment.json", &[at(5, 3, "", "invalid JSON: key must be a string")]),
    ("single-quotes.json", &[at(5, 13, "accent", "invalid JSON: expected value")]),
    ("nul-byte.json", &[at(14, 60, "pages.missie.blocks[0].text", "invalid JSON: control character")]),
    ("syntax-error-after-accent.json", &[at(3, 48, "name", "invalid JSON: control character")]),
    ("invalid-utf8.json", &[at(3, 24, "", "not valid UTF-8")]),
    // Not broken: a byte order mark (Notepad writes one) is accepted and skipped.
    ("bom.json", &[]),
    // Valid JSON of the wrong shape.
    ("not-an-object.json", &[on_lines(1, 1, "", NOT_AN_OBJECT)]),
    ("organisation-as-array.json", &[on_lines(1, 1, "", NOT_AN_OBJECT)]),
    ("block-as-array.json", &[on_lines(12, 12, "pages.missie.blocks[0]", NOT_AN_OBJECT)]),
    ("missing-accent.json", &[on_lines(1, 18, "", "missing field `accent`")]),
    ("missing-block-type.json", &[on_lines(12, 14, "pages.missie.blocks[0]", "missing field `type`")]),
    ("missing-block-text.json", &[on_lines(12, 14, "pages.missie.blocks[0]", "missing field `text`")]),
    ("null-name.json", &[on_lines(3, 3, "name", "invalid type: null, expected a string")]),
    ("text-not-a-string.json", &[on_lines(14, 14, "pages.missie.blocks[0].text", "invalid type: integer `42`, expected a string")]),
    ("blocks-not-a-list.json", &[on_lines(11, 11, "pages.missie.blocks", "invalid type: map, expected a sequence")]),
    ("duplicate-field.json", &[on_lines(6, 6, "", "duplicate field `name`")]),
    ("unknown-field-at-top.json", &[on_lines(19, 19, "logo", "unknown field `logo`")]),
    ("unknown-field-in-page.json", &[on_lines(17, 17, "pages.missie.titel", "unknown field `titel`")]),
    ("unknown-field-in-block.json", &[on_lines(15, 15, "pages.missie.blocks[0].colour", "unknown field `colour`")]),
    ("unknown-page.json", &[on_lines(18, 18, "pages.over-ons", "unknown field `over-ons`")]),
    ("unknown-block-type.json", &[on_lines(13, 13, "pages.missie.blocks[0].type", "unknown variant `video`")]),
    ("wrong-type-name.json", &[on_lines(13, 13, "pages.missie.blocks[0].type", "unknown variant `Paragraph`")]),
    // The organisation's own fields.
    ("bad-slug.json", &[
        at(2, 11, "slug", "slug \"Herenthout_2\" is not valid"),
        at(2, 11, "slug", "slug \"Herenthout_2\" must equal the file name \"bad-slug\""),
    ]),
    ("slug-not-filename.json", &[at(2, 11, "slug", "slug \"herenthout\" must equal the file name \"slug-not-filename\"")]),
    ("short-name-too-long.json", &[at(4, 17, "short_name", "has 19 characters; home screens show at most 12")]),
    ("bad-colour.json", &[at(5, 13, "accent", "\"#7a1e3\" is not a colour")]),
    ("low-contrast-accent.json", &[at(5, 13, "accent", "\"#ffd700\" has a contrast of 1.40:1")]),
    ("no-pages.json", &[at(7, 12, "pages", "the organisation has no page")]),
    // Pages and blocks.
    ("empty-page.json", &[at(11, 17, "pages.missie.blocks", "the page is empty")]),
    ("empty-list.json", &[at(14, 20, "pages.missie.blocks[0].items", "the list is empty")]),
    ("empty-paragraph.json", &[at(14, 19, "pages.missie.blocks[0].text", "is empty")]),
    ("crlf-line-endings.json", &[at(9, 16, "pages.missie.title", "is empty")]),
    ("control-character-in-paragraph.json", &[at(14, 19, "pages.missie.blocks[0].text", "contains the control character U+0007 (bell): remove it")]),
    ("javascript-link.json", &[at(19, 19, "pages.missie.blocks[1].href", "link \"javascript:alert(document.cookie)\" is not allowed")]),
    ("data-link.json", &[at(15, 19, "pages.missie.blocks[0].href", "link \"data:text/html,")]),
    // Markup in every kind of text.
    ("html-script-in-paragraph.json", &[at(14, 19, "pages.missie.blocks[0].text", "HTML markup (<script>)")]),
    ("img-onerror-in-title.json", &[at(9, 16, "pages.missie.title", "HTML markup (<img src=x onerror=alert")]),
    ("html-in-name.json", &[at(3, 11, "name", "HTML markup (<b>)")]),
    ("html-in-short-name.json", &[at(4, 17, "short_name", "HTML markup (<i>)")]),
    ("html-in-description.json", &[at(6, 18, "description", "HTML markup (<br>)")]),
    ("html-in-page-description.json", &[at(10, 22, "pages.missie.description", "HTML markup (<!-- en visie -->)")]),
    ("html-in-heading.json", &[at(14, 19, "pages.missie.blocks[0].text", "HTML markup (<h2>)")]),
    ("html-in-list-item.json", &[at(16, 13, "pages.missie.blocks[0].items[1]", "HTML markup (<a href=")]),
    ("html-in-quote-text.json", &[at(14, 19, "pages.missie.blocks[0].text", "HTML markup (<em>)")]),
    ("html-in-quote-source.json", &[at(15, 21, "pages.missie.blocks[0].source", "HTML markup (<cite>)")]),
    ("html-in-definition-term.json", &[at(20, 23, "pages.missie.blocks[0].items[1].term", "HTML markup (<strong>)")]),
    ("html-in-definition-description.json", &[at(17, 30, "pages.missie.blocks[0].items[0].description", "HTML markup (<svg onload=alert(1)>)")]),
    ("html-in-theme-title.json", &[at(14, 20, "pages.missie.blocks[0].title", "HTML markup (<u>)")]),
    ("html-in-theme-ambition.json", &[at(16, 13, "pages.missie.blocks[0].ambitions[0]", "HTML markup (<iframe")]),
    ("html-in-link-label.json", &[at(14, 20, "pages.missie.blocks[0].label", "HTML markup (<span>)")]),
    ("html-in-contact-name.json", &[at(18, 19, "pages.contact.blocks[1].name", "HTML markup (<p>)")]),
    ("html-in-street.json", &[at(20, 23, "pages.contact.blocks[1].address.street", "HTML markup (<br/>)")]),
    ("html-in-city.json", &[at(22, 21, "pages.contact.blocks[1].address.city", "HTML markup (<?php")]),
    ("compact-one-line.json", &[at(1, 337, "pages.missie.blocks[0].text", "HTML markup (<b>)")]),
    // Contacts.
    ("contact-without-any-way.json", &[at(16, 9, "pages.contact.blocks[1]", "the contact has no address, phone, e-mail or website")]),
    ("bad-phone.json", &[at(24, 20, "pages.contact.blocks[1].phone", "\"bel het onthaal\" is not a phone number")]),
    ("hours-unknown-day.json", &[at(27, 22, "pages.contact.blocks[1].hours[1].day", "unknown variant `Dinsdag`, expected one of `maandag`")]),
    // Serde reads a day written as an object; the residents' reader does not.
    ("hours-day-as-object.json", &[at(27, 22, "pages.contact.blocks[1].hours[1].day", "must be a JSON text naming the day")]),
    ("hours-bad-times.json", &[
        at(26, 42, "pages.contact.blocks[1].hours[0].opens", "\"9u\" is not a time"),
        at(27, 61, "pages.contact.blocks[1].hours[1].closes", "\"17:60\" is not a time"),
        at(28, 62, "pages.contact.blocks[1].hours[2].closes", "opens and closes at the same time"),
    ]),
    ("bad-fax.json", &[at(25, 18, "pages.contact.blocks[1].fax", "\"011 80\" is not a phone number")]),
    ("bad-email.json", &[at(26, 20, "pages.contact.blocks[1].email", "\"welzijn@heusden-zolder\" is not an e-mail address")]),
    ("bad-enterprise-number.json", &[at(7, 24, "enterprise_number", "\"0208.038.768\" is not a valid enterprise number: its last two digits should be 69")]),
    // Change notes: real days, newest first, a note, pages the organisation has, once.
    ("bad-changes.json", &[
        at(25, 15, "changes[1].date", "\"2026-04-31\" is not a date: write the day as year-month-day, like \"2026-12-02\""),
        at(29, 15, "changes[2].date", "2026-05-01 is newer than the note before it (2026-03-01): put the newest note first"),
        at(34, 15, "changes[3].note", "is empty"),
        at(35, 16, "changes[3].pages", "the note names the page \"visie\", which the organisation does not have"),
        at(35, 16, "changes[3].pages", "the note names the page \"missie\" twice"),
    ]),
    ("bad-postcode.json", &[at(21, 25, "pages.contact.blocks[1].address.postcode", "\"B-3550\" is not a Belgian postcode")]),
    ("website-javascript.json", &[at(26, 22, "pages.contact.blocks[1].website", "link \"JavaScript:alert(1)\" is not allowed: a link must start with https:// or http://")]),
    // Hidden characters (control, direction, invisible): refused in links, e-mail
    // addresses, numbers, slugs and names; text keeps line breaks, direction marks and
    // invisible characters (a soft hyphen, an emoji's joiner), nothing else hidden.
    ("hidden-control-characters.json", &[
        at(2, 11, "slug", "contains the control character U+0000 (null)"),
        at(2, 11, "slug", "slug \"hidden-control-characters\u{0}\" must equal the file name"),
        at(3, 11, "name", "contains the control character U+001B (escape)"),
        at(4, 17, "short_name", "contains the control character U+0085 (next line)"),
        at(14, 19, "pages.missie.blocks[0].text", "contains the control character U+0009 (tab)"),
        at(19, 19, "pages.missie.blocks[1].href", "contains the control character U+0000 (null)"),
        at(24, 19, "pages.missie.blocks[2].href", "contains the control character U+007F (delete)"),
        at(34, 19, "pages.contact.blocks[0].name", "contains the control character U+009B (control sequence introducer)"),
        at(35, 20, "pages.contact.blocks[0].phone", "contains the control character U+007F (delete)"),
        at(36, 18, "pages.contact.blocks[0].fax", "contains the control character U+0008 (backspace)"),
        at(37, 20, "pages.contact.blocks[0].email", "contains the control character U+0000 (null)"),
        at(38, 22, "pages.contact.blocks[0].website", "contains the control character U+0001 (start of heading)"),
        at(42, 19, "pages.contact.blocks[1].name", "contains the control character U+0007 (bell)"),
        at(44, 18, "pages.contact.blocks[1].fax", "contains the control character U+000B (vertical tab)"),
        at(45, 20, "pages.contact.blocks[1].email", "contains the control character U+0007 (bell)"),
        at(46, 22, "pages.contact.blocks[1].website", "contains the control character U+007F (delete)"),
    ]),
    ("hidden-direction-characters.json", &[
        at(2, 11, "slug", "contains the direction character U+202E (right-to-left override)"),
        at(2, 11, "slug", "slug \"hidden-direction-characters\u{202e}\" must equal the file name"),
        at(3, 11, "name", "contains the direction character U+202E (right-to-left override)"),
        at(4, 17, "short_name", "contains the direction character U+2067 (right-to-left isolate)"),
        at(14, 19, "pages.missie.blocks[0].text", "contains the direction character U+202D (left-to-right override)"),
        at(23, 19, "pages.missie.blocks[2].href", "contains the direction character U+202E (right-to-left override)"),
        at(33, 19, "pages.contact.blocks[0].name", "contains the direction character U+061C (Arabic letter mark)"),
        at(34, 20, "pages.contact.blocks[0].phone", "contains the direction character U+2066 (left-to-right isolate)"),
        at(35, 18, "pages.contact.blocks[0].fax", "contains the direction character U+202C (pop directional formatting)"),
        at(36, 20, "pages.contact.blocks[0].email", "contains the direction character U+200F (right-to-left mark)"),
        at(37, 22, "pages.contact.blocks[0].website", "contains the direction character U+202B (right-to-left embedding)"),
        at(45, 22, "pages.contact.blocks[1].website", "contains the direction character U+2069 (pop directional isolate)"),
    ]),
    ("hidden-invisible-characters.json", &[
        at(2, 11, "slug", "contains the invisible character U+200B (zero-width space)"),
        at(2, 11, "slug", "slug \"hidden-invisible-characters\u{200b}\" must equal the file name"),
        at(3, 11, "name", "contains the invisible character U+00AD (soft hyphen)"),
        at(4, 17, "short_name", "contains the invisible character U+FEFF (zero-width no-break space)"),
        at(19, 19, "pages.missie.blocks[1].href", "contains the invisible character U+200B (zero-width space)"),
        at(29, 19, "pages.contact.blocks[0].name", "contains the invisible character U+E0041 (tag character)"),
        at(30, 20, "pages.contact.blocks[0].phone", "contains the invisible character U+2060 (word joiner)"),
        at(31, 18, "pages.contact.blocks[0].fax", "contains the invisible character U+3164 (Hangul filler)"),
        at(32, 20, "pages.contact.blocks[0].email", "contains the invisible character U+200C (zero-width non-joiner)"),
        at(33, 22, "pages.contact.blocks[0].website", "contains the invisible character U+200D (zero-width joiner)"),
        at(37, 19, "pages.contact.blocks[1].name", "contains the invisible character U+2028 (line separator)"),
        at(38, 20, "pages.contact.blocks[1].phone", "contains the invisible character U+2062 (invisible operator)"),
    ]),
    // Rule checks report every problem, not only the first.
    ("several-problems.json", &[
        at(5, 13, "accent", "\"rood\" is not a colour"),
        at(14, 19, "pages.missie.blocks[0].text", "is empty"),
        at(23, 19, "pages.missie.blocks[2].href", "link \"ftp://herenthout.be\" is not allowed"),
    ]),
    // Index files.
    ("index-empty.json", &[at(2, 20, "organisations", "the index lists no organisation")]),
    ("index-duplicate-slug.json", &[at(12, 15, "organisations[2].slug", "duplicate slug \"herentals\": organisations[0] has it already")]),
    ("index-bad-entry.json", &[
        at(5, 15, "organisations[0].name", HTML),
        at(8, 15, "organisations[1].slug", "slug \"Herenthout\" is not valid"),
    ]),
    ("index-hidden-characters.json", &[
        at(4, 15, "organisations[0].slug", "contains the invisible character U+200B (zero-width space): remove it"),
        at(9, 15, "organisations[1].name", "contains the direction character U+202E (right-to-left override): remove it"),
    ]),
    ("index-unknown-field.json", &[on_lines(6, 6, "organisations[0].logo", "unknown field `logo`")]),
];

/// A case built here rather than committed: its name, its bytes, its problems.
type Generated = (&'static str, fn() -> Vec<u8>, &'static [Expect]);

#[rustfmt::skip]
const GENERATED: &[Generated] = &[
    ("huge-string.json", huge_string, &[at(1, 1, "", "content files may have at most 262144")]),
    ("one-byte-too-large.json", one_byte_too_large, &[at(1, 1, "", "the file has 262145 bytes")]),
    ("too-long-text.json", too_long_text, &[at(14, 19, "pages.missie.blocks[0].text", "has 4001 characters; at most 4000 are allowed")]),
    ("too-many-blocks.json", too_many_blocks, &[at(11, 17, "pages.missie.blocks", "the page has 101 blocks; a page may have at most 100")]),
    ("too-many-items.json", too_many_items, &[at(11, 17, "pages.missie.blocks", "the page's lists have 301 items together; a page may have at most 300")]),
];

const BROKEN_DIR: &str = "tests/broken";

/// The file name problems are reported under, for a corpus or generated case.
fn corpus_name(name: &str) -> String {
    format!("{BROKEN_DIR}/{name}")
}

fn read_corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(BROKEN_DIR)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses as an index (`index*.json`) or an organisation; the problems, if any.
fn problems_of(file: &str, bytes: &[u8]) -> Vec<Problem> {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let result = if stem.starts_with("index") {
        parse_index(file, bytes).map(drop)
    } else {
        parse_organisation(file, bytes).map(drop)
    };
    result.err().unwrap_or_default()
}

/// What every problem must satisfy, whatever it is: a place an editor can open and the
/// `file:line:column: path: message` form.
fn malformed(p: &Problem, file: &str) -> Option<String> {
    let shown = p.to_string();
    let prefix = format!(
        "{file}:{}:{}: {}: ",
        p.line,
        p.column,
        if p.path.is_empty() {
            "(document)"
        } else {
            &p.path
        }
    );
    if p.file != file || p.line == 0 || p.column == 0 || !shown.starts_with(&prefix) {
        Some(format!(
            "malformed problem (expected file {file}, line and column >= 1): {shown}"
        ))
    } else if p.message.trim().is_empty() {
        Some(format!("problem without a message: {shown}"))
    } else {
        None
    }
}

fn matches(p: &Problem, e: &Expect) -> bool {
    let placed = match e.place {
        Place::At(line, column) => (p.line, p.column) == (line, column),
        Place::Lines(first, last) => (first..=last).contains(&p.line),
        Place::Unplaced => true,
    };
    p.path == e.path && p.message.contains(e.message) && placed
}

/// How the problems found differ from those expected (empty when they agree exactly,
/// in any order), as lines to read in a test failure.
fn mismatches(file: &str, found: &[Problem], expected: &[Expect]) -> Vec<String> {
    let mut out: Vec<String> = found.iter().filter_map(|p| malformed(p, file)).collect();
    let mut unused: Vec<&Problem> = found.iter().collect();
    for e in expected {
        match unused.iter().position(|p| matches(p, e)) {
            Some(i) => {
                unused.remove(i);
            }
            None => out.push(format!("{file}: missing {e:?}")),
        }
    }
    out.extend(unused.iter().map(|p| format!("{file}: unexpected {p}")));
    if !out.is_empty() {
        out.push(format!(
            "{file}: found {}",
            if found.is_empty() {
                "no problem (Ok)".to_string()
            } else {
                found.iter().map(|p| format!("\n    {p}")).collect()
            }
        ));
    }
    out
}

fn assert_no_mismatch(failures: Vec<String>) {
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_broken_file_is_refused_with_exactly_its_problems() {
    let failures = CORPUS
        .iter()
        .flat_map(|(name, expected)| {
            let file = corpus_name(name);
            mismatches(&file, &problems_of(&file, &read_corpus(name)), expected)
        })
        .collect();
    assert_no_mismatch(failures);
}

/// The residents' browser reads content with its own reader (`content::residents`):
/// it refuses every broken file too, the committed and the generated ones, and reads
/// the one that is not broken (`bom.json`) as the build does.
#[test]
fn the_residents_reader_refuses_every_broken_file_too() {
    let cases = CORPUS
        .iter()
        .map(|(name, expected)| (*name, read_corpus(name), *expected))
        .chain(
            GENERATED
                .iter()
                .map(|(name, make, expected)| (*name, make(), *expected)),
        );
    let mut failures = Vec::new();
    for (name, bytes, expected) in cases {
        let file = corpus_name(name);
        let (build, residents) = if name.starts_with("index") {
            (
                parse_index(&file, &bytes).map(|i| format!("{i:?}")),
                residents::parse_index(&file, &bytes).map(|i| format!("{i:?}")),
            )
        } else {
            (
                parse_organisation(&file, &bytes).map(|o| format!("{o:?}")),
                residents::parse_organisation(&file, &bytes).map(|o| format!("{o:?}")),
            )
        };
        match (expected.is_empty(), &build, &residents) {
            (false, Err(_), Err(problems)) => {
                if problems.iter().any(|p| p.message.trim().is_empty()) {
                    failures.push(format!("{file}: a problem without a message"));
                }
            }
            (true, Ok(build), Ok(residents)) if build == residents => {}
            _ => failures.push(format!(
                "{file}: the build read {}, the residents' reader {}",
                outcome(&build),
                outcome(&residents)
            )),
        }
    }
    assert_no_mismatch(failures);
}

fn outcome(read: &Result<String, Vec<Problem>>) -> String {
    match read {
        Ok(model) => format!("Ok({model})"),
        Err(problems) => format!("Err({problems:?})"),
    }
}

#[test]
fn the_table_covers_the_whole_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(BROKEN_DIR);
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every file in {BROKEN_DIR} needs its expected problems in CORPUS"
    );
    assert!(CORPUS.len() + GENERATED.len() >= 32);
}

#[test]
fn generated_broken_files_are_refused_with_exactly_their_problems() {
    let failures = GENERATED
        .iter()
        .flat_map(|(name, make, expected)| {
            let file = corpus_name(name);
            mismatches(&file, &problems_of(&file, &make()), expected)
        })
        .collect();
    assert_no_mismatch(failures);
}

/// A small valid organisation, the same shape as most of the corpus: its one paragraph
/// is `pages.missie.blocks[0].text`, and starts at line 14, column 19 once pretty-printed.
fn organisation(slug: &str, text: &str) -> Organisation {
    Organisation {
        slug: slug.into(),
        name: "Gemeente Herenthout".into(),
        short_name: "Herenthout".into(),
        accent: "#7a1e3a".into(),
        description: "De missie, visie en ambities van de gemeente Herenthout.".into(),
        enterprise_number: None,
        changes: Vec::new(),
        pages: Pages {
            missie: Some(Page {
                title: "Missie en visie".into(),
                description: "De missie en visie van de gemeente Herenthout.".into(),
                blocks: vec![Block::Paragraph { text: text.into() }],
            }),
            ..Pages::default()
        },
    }
}

fn pretty(org: &Organisation) -> String {
    serde_json::to_string_pretty(org).unwrap()
}

/// A valid file whose paragraph text is replaced by `raw` JSON.
fn with_raw_text(slug: &str, raw: &str) -> Vec<u8> {
    pretty(&organisation(slug, "@@"))
        .replace("\"@@\"", raw)
        .into_bytes()
}

/// A valid file padded with trailing white space to `len` bytes.
fn padded(slug: &str, len: usize) -> Vec<u8> {
    let mut bytes = pretty(&organisation(slug, "In Herenthout is het gezellig.")).into_bytes();
    bytes.resize(len, b'\n');
    bytes
}

/// `depth` nested lists, or objects, written on one line.
fn nested(depth: usize, open: &str, close: &str) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

fn huge_string() -> Vec<u8> {
    pretty(&organisation("huge-string", &"a".repeat(1 << 20))).into_bytes()
}

fn one_byte_too_large() -> Vec<u8> {
    padded("one-byte-too-large", MAX_FILE_BYTES + 1)
}

fn too_long_text() -> Vec<u8> {
    // Characters count, not bytes: 4001 two-byte characters.
    pretty(&organisation(
        "too-long-text",
        &"é".repeat(MAX_TEXT_CHARS + 1),
    ))
    .into_bytes()
}

/// A valid file whose mission has `blocks` paragraphs and a list of `items` items.
fn page_of(slug: &str, blocks: usize, items: usize) -> Organisation {
    let mut org = organisation(slug, "In Herenthout is het gezellig.");
    let page = org.pages.missie.as_mut().unwrap();
    page.blocks = vec![page.blocks[0].clone(); blocks - 1];
    page.blocks.push(Block::List {
        items: vec!["Samen".into(); items],
    });
    org
}

fn too_many_blocks() -> Vec<u8> {
    pretty(&page_of("too-many-blocks", MAX_PAGE_BLOCKS + 1, 1)).into_bytes()
}

fn too_many_items() -> Vec<u8> {
    pretty(&page_of("too-many-items", 2, MAX_PAGE_ITEMS + 1)).into_bytes()
}

#[test]
fn a_page_at_its_block_and_item_limits_is_accepted() {
    let org = page_of("limits", MAX_PAGE_BLOCKS, MAX_PAGE_ITEMS);
    let parsed = parse_organisation("limits.json", pretty(&org).as_bytes());
    assert!(parsed.as_ref() == Ok(&org), "{:?}", parsed.err());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    const DEPTH: usize = 10_000;
    let file = corpus_name("deep-nesting.json");
    // Where a text belongs, blocks are read whole before their fields: the nesting is
    // refused at the depth limit, on its line, at one of its brackets (column 19 on).
    for raw in [
        nested(DEPTH, "[", "]"),
        nested(DEPTH, "{\"a\":", "}").replacen("}", "1}", 1),
    ] {
        let problems = problems_of(&file, &with_raw_text("deep-nesting", &raw));
        let [p] = problems.as_slice() else {
            panic!("one problem expected: {problems:#?}")
        };
        assert!(p.message.contains("recursion limit exceeded"), "{p}");
        assert!(p.path.starts_with("pages.missie.blocks[0].text"), "{p}");
        assert!(p.line == 14 && (20..19 + DEPTH).contains(&p.column), "{p}");
        assert!(malformed(p, &file).is_none(), "{p}");
    }
    // Anywhere else the first bracket is already of the wrong type.
    for bytes in [nested(DEPTH, "[", "]"), nested(DEPTH, "{\"pages\":", "}")] {
        let problems = problems_of(&file, bytes.as_bytes());
        assert_eq!(problems.len(), 1, "{problems:#?}");
    }
}

#[test]
fn files_at_the_limits_and_text_close_to_markup_are_accepted() {
    let mut org = organisation("limits", &"é".repeat(MAX_TEXT_CHARS));
    org.short_name = "Heusden-Zold".into();
    assert_eq!(org.short_name.chars().count(), MAX_SHORT_NAME_CHARS);
    org.description = "1 < 2, <3, < b> en <= zijn gewone tekst.".into();
    let text = pretty(&org);
    let parsed = parse_organisation("limits.json", text.as_bytes());
    assert!(parsed.as_ref() == Ok(&org), "{:?}", parsed.err());
    let at_limit = padded("limits", MAX_FILE_BYTES);
    assert_eq!(at_limit.len(), MAX_FILE_BYTES);
    assert!(parse_organisation("limits.json", &at_limit).is_ok());
}

#[test]
fn every_rule_violation_in_a_file_is_reported() {
    let file = corpus_name("several-problems.json");
    let problems = problems_of(&file, &read_corpus("several-problems.json"));
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "accent",
            "pages.missie.blocks[0].text",
            "pages.missie.blocks[2].href"
        ]
    );

    // One problem per text, in every page and block of a file.
    let mut org = organisation("every-text", " ");
    org.name = String::new();
    org.description = "<b>x</b>".into();
    let missie = org.pages.missie.clone().unwrap();
    org.pages.visie = Some(Page {
        title: "\t".into(),
        ..missie
    });
    let problems = problems_of("every-text.json", pretty(&org).as_bytes());
    let expected = [
        at(3, 11, "name", "is empty"),
        at(6, 18, "description", HTML),
        at(14, 19, "pages.missie.blocks[0].text", "is empty"),
        at(19, 16, "pages.visie.title", "is empty"),
        at(24, 19, "pages.visie.blocks[0].text", "is empty"),
    ];
    assert_no_mismatch(mismatches("every-text.json", &problems, &expected));
}

#[test]
fn problems_display_as_file_line_column_path_message() {
    let shown = |name: &str| problems_of(&corpus_name(name), &read_corpus(name))[0].to_string();
    assert_eq!(
        shown("bad-colour.json"),
        "tests/broken/bad-colour.json:5:13: accent: \"#7a1e3\" is not a colour: write it as #rrggbb, like \"#0b5a7a\""
    );
    assert_eq!(
        shown("trailing-garbage.json"),
        "tests/broken/trailing-garbage.json:20:1: (document): invalid JSON: trailing characters"
    );
}

#[test]
fn the_real_content_is_valid_and_agrees_with_its_index() {
    let mut problems = Vec::new();
    let mut orgs = Vec::new();
    let mut index = None;
    let mut files: Vec<_> = std::fs::read_dir(crate::common::content_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "public/content/ holds no content");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let parsed = if name == "index.json" {
            parse_index(&name, &bytes).map(|i| index = Some(i))
        } else {
            parse_organisation(&name, &bytes).map(|org| orgs.push((name, org)))
        };
        problems.extend(parsed.err().unwrap_or_default());
    }
    let index = index.expect("public/content/index.json");
    problems.extend(check_set("index.json", &index, &orgs));
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "\n{}\n", shown.join("\n"));
}

/// A set of files for `check_set`: the index's (slug, name) entries, the organisation
/// files as (file name, slug of the real organisation it holds).
struct SetCase {
    what: &'static str,
    index: &'static [(&'static str, &'static str)],
    files: &'static [(&'static str, &'static str)],
    /// The file every problem must name.
    reported_in: &'static str,
    expect: &'static [Expect],
}

#[rustfmt::skip]
const SET_CASES: &[SetCase] = &[
    SetCase {
        what: "the index and the files agree",
        index: &[("herenthout", "Gemeente Herenthout"), ("herentals", "OCMW Herentals")],
        files: &[("herenthout.json", "herenthout"), ("herentals.json", "herentals")],
        reported_in: "index.json",
        expect: &[],
    },
    SetCase {
        what: "two files with the same slug",
        index: &[("herenthout", "Gemeente Herenthout")],
        files: &[("herenthout.json", "herenthout"), ("kopie/herenthout.json", "herenthout")],
        reported_in: "kopie/herenthout.json",
        expect: &[unplaced("slug", "duplicate slug \"herenthout\": herenthout.json uses it already")],
    },
    SetCase {
        what: "the index lists a slug without a file",
        index: &[("herenthout", "Gemeente Herenthout"), ("lier", "Stad Lier")],
        files: &[("herenthout.json", "herenthout")],
        reported_in: "index.json",
        expect: &[unplaced("organisations[1].slug", "no content file for \"lier\": add content/lier.json or remove this entry")],
    },
    SetCase {
        what: "the index names an organisation differently",
        index: &[("herenthout", "Gemeente Herentout")],
        files: &[("herenthout.json", "herenthout")],
        reported_in: "index.json",
        expect: &[unplaced("organisations[0].name", "name \"Gemeente Herentout\" differs from \"Gemeente Herenthout\" in herenthout.json")],
    },
    SetCase {
        what: "a file the index does not list",
        index: &[("herenthout", "Gemeente Herenthout")],
        files: &[("herenthout.json", "herenthout"), ("herentals.json", "herentals")],
        reported_in: "index.json",
        expect: &[unplaced("organisations", "herentals.json is not listed: add {\"slug\": \"herentals\", \"name\": \"OCMW Herentals\"}")],
    },
    SetCase {
        what: "an empty index and a file",
        index: &[],
        files: &[("herenthout.json", "herenthout")],
        reported_in: "index.json",
        expect: &[unplaced("organisations", "herenthout.json is not listed")],
    },
];

#[test]
fn the_index_and_the_files_must_agree() {
    let failures = SET_CASES
        .iter()
        .flat_map(|case| {
            let index = ContentIndex {
                organisations: case
                    .index
                    .iter()
                    .map(|(slug, name)| IndexEntry {
                        slug: slug.to_string(),
                        name: name.to_string(),
                    })
                    .collect(),
            };
            let orgs: Vec<(String, Organisation)> = case
                .files
                .iter()
                .map(|(file, slug)| (file.to_string(), crate::common::organisation(slug)))
                .collect();
            let found = check_set("index.json", &index, &orgs);
            mismatches(case.reported_in, &found, case.expect)
                .into_iter()
                .map(move |m| format!("{}: {m}", case.what))
        })
        .collect();
    assert_no_mismatch(failures);
}
