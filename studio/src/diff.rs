//! What changed between two versions of an organisation, in plain Dutch, part by part:
//! the organisation's own fields, then each page (added, removed, its title and
//! description, its blocks added, removed, changed or moved, each block by the type the
//! studio names it and what changed in it), then the change notes for residents.
//!
//! No browser: the history, the conflict and the proposals show it; natively tested.
//! The blocks are compared as a sequence and the long texts by words (`similar`).

use koers_content::{Block, Change, Organisation, Page, PageKind};
use similar::{capture_diff_slices, Algorithm, DiffOp, TextDiff};

use crate::draft::{BlockKind, Offer};

/// One part of the organisation and what changed in it, sentence by sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// "Algemeen", "Pagina Contact", "Wijzigingen voor inwoners".
    pub title: String,
    pub changes: Vec<String>,
}

/// Texts up to this long are shown whole, before and after; longer ones by the
/// words that changed.
const SHORT: usize = 80;

/// What changed from `old` to `new`; empty when nothing did.
pub fn diff(old: &Organisation, new: &Organisation) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut general = Vec::new();
    let fields: [(&str, &str, &str); 5] = [
        ("Het adres", &old.slug, &new.slug),
        ("De naam", &old.name, &new.name),
        ("De korte naam", &old.short_name, &new.short_name),
        ("De beschrijving", &old.description, &new.description),
        ("De accentkleur", &old.accent, &new.accent),
    ];
    for (label, before, after) in fields {
        general.extend(text_change(label, before, after));
    }
    general.extend(text_change(
        "Het ondernemingsnummer",
        old.enterprise_number.as_deref().unwrap_or_default(),
        new.enterprise_number.as_deref().unwrap_or_default(),
    ));
    push(&mut sections, "Algemeen".into(), general);
    for kind in PageKind::ALL {
        let title = format!("Pagina {}", kind.label());
        let changes = match (old.pages.get(kind), new.pages.get(kind)) {
            (None, None) => Vec::new(),
            (None, Some(page)) => vec![format!(
                "De pagina is toegevoegd, met {}.",
                count(page.blocks.len(), "blok", "blokken")
            )],
            (Some(_), None) => vec!["De pagina is weggehaald.".into()],
            (Some(before), Some(after)) => page_changes(before, after),
        };
        push(&mut sections, title, changes);
    }
    push(
        &mut sections,
        "Wijzigingen voor inwoners".into(),
        note_changes(&old.changes, &new.changes),
    );
    sections
}

fn push(sections: &mut Vec<Section>, title: String, changes: Vec<String>) {
    if !changes.is_empty() {
        sections.push(Section { title, changes });
    }
}

/// "1 blok", "3 blokken".
fn count(n: usize, one: &str, more: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {more}")
    }
}

/// `text` between Dutch quotes, shortened to what a sentence can hold.
fn quoted(text: &str) -> String {
    let text = text.trim();
    let short: String = text.chars().take(SHORT).collect();
    if short.len() < text.len() {
        format!("‘{}…’", short.trim_end())
    } else {
        format!("‘{short}’")
    }
}

/// What changed in a text field `label` ("De naam", "Contactgegevens › telefoon"), or
/// nothing when it did not. Short texts whole ("A → B"), long ones by the words that
/// changed.
fn text_change(label: &str, old: &str, new: &str) -> Option<String> {
    if old == new {
        return None;
    }
    Some(match (old.trim().is_empty(), new.trim().is_empty()) {
        (true, _) => format!("{label} is ingevuld: {}.", quoted(new)),
        (_, true) => format!("{label} is leeggemaakt (was {}).", quoted(old)),
        _ if old.chars().count() <= SHORT && new.chars().count() <= SHORT => {
            format!("{label}: {} → {}", old.trim(), new.trim())
        }
        _ => format!("{label} is veranderd: {}.", word_changes(old, new)),
    })
}

/// The words that changed from `old` to `new`: "‘a’ werd ‘b’; ‘c’ weggehaald".
fn word_changes(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let words = |range: std::ops::Range<usize>, new_side: bool| -> String {
        range
            .filter_map(|i| {
                if new_side {
                    diff.new_slice(i)
                } else {
                    diff.old_slice(i)
                }
            })
            .collect::<String>()
    };
    let mut parts = Vec::new();
    for op in diff.ops() {
        let (before, after) = (words(op.old_range(), false), words(op.new_range(), true));
        let part = match op {
            DiffOp::Equal { .. } => continue,
            _ if before.trim().is_empty() && after.trim().is_empty() => continue,
            DiffOp::Delete { .. } => format!("{} weggehaald", quoted(&before)),
            DiffOp::Insert { .. } => format!("{} toegevoegd", quoted(&after)),
            DiffOp::Replace { .. } if before.trim().is_empty() => {
                format!("{} toegevoegd", quoted(&after))
            }
            DiffOp::Replace { .. } if after.trim().is_empty() => {
                format!("{} weggehaald", quoted(&before))
            }
            DiffOp::Replace { .. } => format!("{} werd {}", quoted(&before), quoted(&after)),
        };
        parts.push(part);
    }
    if parts.is_empty() {
        "alleen spaties of regels".into()
    } else {
        parts.join("; ")
    }
}

/// What changed in the items of a list `label`: added, removed, replaced.
fn items_change(label: &str, old: &[String], new: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (before, after) = (&old[op.old_range()], &new[op.new_range()]);
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Replace { .. } if before.len() == after.len() => {
                for (b, a) in before.iter().zip(after) {
                    out.extend(text_change(label, b, a));
                }
            }
            _ => {
                out.extend(
                    before
                        .iter()
                        .map(|b| format!("{label}: {} weggehaald.", quoted(b))),
                );
                out.extend(
                    after
                        .iter()
                        .map(|a| format!("{label}: {} toegevoegd.", quoted(a))),
                );
            }
        }
    }
    out
}

fn page_changes(old: &Page, new: &Page) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(text_change("De titel", &old.title, &new.title));
    out.extend(text_change(
        "De beschrijving",
        &old.description,
        &new.description,
    ));
    out.extend(block_changes(&old.blocks, &new.blocks));
    out
}

/// A block as the editor recognises it: its type as the studio names it, with its
/// name or title when it has one, and its place ("Contactgegevens ‘Onthaal’, blok 3").
fn block_name(block: &Block, index: usize) -> String {
    let kind = BlockKind::from(block).label();
    let name = match block {
        Block::Contact(c) => Some(&c.name),
        Block::Theme { title, .. } => Some(title),
        Block::Heading { text } => Some(text),
        Block::Link { label, .. } => Some(label),
        _ => None,
    }
    .filter(|n| !n.trim().is_empty());
    match name {
        Some(name) => format!("{kind} {}, blok {}", quoted(name), index + 1),
        None => format!("{kind}, blok {}", index + 1),
    }
}

/// One field of a block, as the form names it.
enum Field {
    Text(&'static str, String),
    Items(&'static str, Vec<String>),
}

fn fields(block: &Block) -> Vec<Field> {
    use Field::{Items, Text};
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match block {
        Block::Heading { text } | Block::Paragraph { text } => vec![Text("tekst", text.clone())],
        Block::List { items } => vec![Items("item", items.clone())],
        Block::Quote { text, source } => {
            vec![Text("tekst", text.clone()), Text("bron", source.clone())]
        }
        Block::Definitions { items } => vec![Items(
            "begrip",
            items
                .iter()
                .map(|d| format!("{}: {}", d.term, d.description))
                .collect(),
        )],
        Block::Theme { title, ambitions } => {
            vec![
                Text("titel", title.clone()),
                Items("ambitie", ambitions.clone()),
            ]
        }
        Block::Contact(c) => {
            let address = c.address.as_ref();
            let part = |f: fn(&koers_content::Address) -> &String| {
                address.map(f).cloned().unwrap_or_default()
            };
            vec![
                Text("naam", c.name.clone()),
                Text("straat en nummer", part(|a| &a.street)),
                Text("postcode", part(|a| &a.postcode)),
                Text("gemeente", part(|a| &a.city)),
                Text("telefoon", opt(&c.phone)),
                Text("fax", opt(&c.fax)),
                Text("e-mail", opt(&c.email)),
                Text("website", opt(&c.website)),
                Items(
                    "openingsuren",
                    c.hours
                        .iter()
                        .map(|h| {
                            let day = serde_json::to_value(h.day)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default();
                            format!("{day} {}–{}", h.opens, h.closes)
                        })
                        .collect(),
                ),
            ]
        }
        Block::Link { label, href } => vec![
            Text("linktekst", label.clone()),
            Text("adres van de link", href.clone()),
        ],
    }
}

/// What changed in one block of the same type, each line naming the block (`name`).
fn one_block_changes(name: &str, old: &Block, new: &Block) -> Vec<String> {
    let mut out = Vec::new();
    for (before, after) in fields(old).into_iter().zip(fields(new)) {
        match (before, after) {
            (Field::Text(label, b), Field::Text(_, a)) => {
                out.extend(text_change(&format!("{name} › {label}"), &b, &a));
            }
            (Field::Items(label, b), Field::Items(_, a)) => {
                out.extend(items_change(&format!("{name} › {label}"), &b, &a));
            }
            _ => {}
        }
    }
    out
}

/// The blocks added, removed, changed and moved from `old` to `new`.
fn block_changes(old: &[Block], new: &[Block]) -> Vec<String> {
    // Compared by their whole content (the model's JSON of each block).
    let key = |b: &Block| serde_json::to_string(b).unwrap_or_default();
    let (old_keys, new_keys): (Vec<String>, Vec<String>) =
        (old.iter().map(key).collect(), new.iter().map(key).collect());
    let ops = capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys);
    let mut removed: Vec<usize> = Vec::new();
    let mut added: Vec<usize> = Vec::new();
    // Blocks of a replaced stretch, old and new, to pair as "changed".
    let mut stretches: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for op in &ops {
        if op.as_tag_tuple().0 == similar::DiffTag::Equal {
            continue;
        }
        removed.extend(op.old_range());
        added.extend(op.new_range());
        stretches.push((op.old_range().collect(), op.new_range().collect()));
    }
    let mut out = Vec::new();
    // Moved: the same block, gone from one place and come at another.
    let mut moved_old = vec![false; old.len()];
    let mut moved_new = vec![false; new.len()];
    for &o in &removed {
        if let Some(&n) = added
            .iter()
            .find(|&&n| !moved_new[n] && new_keys[n] == old_keys[o])
        {
            moved_old[o] = true;
            moved_new[n] = true;
            out.push(format!(
                "{} is verplaatst van plaats {} naar plaats {}.",
                block_name(&new[n], n),
                o + 1,
                n + 1
            ));
        }
    }
    // Changed: in a replaced stretch, an old and a new block of the same type, in order.
    let mut changed_old = moved_old.clone();
    let mut changed_new = moved_new.clone();
    for (olds, news) in &stretches {
        let news: Vec<usize> = news.iter().copied().filter(|&n| !moved_new[n]).collect();
        // Paired in order: a later old block pairs only with a later new one.
        let mut from = 0;
        for &o in olds.iter().filter(|&&o| !moved_old[o]) {
            let kind = BlockKind::from(&old[o]);
            let Some(j) = (from..news.len()).find(|&j| BlockKind::from(&new[news[j]]) == kind)
            else {
                continue;
            };
            let n = news[j];
            from = j + 1;
            changed_old[o] = true;
            changed_new[n] = true;
            out.extend(one_block_changes(&block_name(&new[n], n), &old[o], &new[n]));
        }
    }
    for &o in removed.iter().filter(|&&o| !changed_old[o]) {
        out.push(format!("{} is weggehaald.", block_name(&old[o], o)));
    }
    for &n in added.iter().filter(|&&n| !changed_new[n]) {
        let what = fields(&new[n])
            .into_iter()
            .find_map(|f| match f {
                Field::Text(_, t) if !t.trim().is_empty() => Some(quoted(&t)),
                Field::Items(_, items) => items.first().map(|i| quoted(i)),
                _ => None,
            })
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        out.push(format!("{} is toegevoegd{what}.", block_name(&new[n], n)));
    }
    out
}

/// The change notes added and removed ("Nieuw, 2026-12-02: ‘…’").
fn note_changes(old: &[Change], new: &[Change]) -> Vec<String> {
    let describe = |c: &Change| {
        let pages = c
            .pages
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join(", ");
        let about = if pages.is_empty() {
            String::new()
        } else {
            format!(" (over {pages})")
        };
        format!("{}{about}: {}", c.date, quoted(&c.note))
    };
    let mut out: Vec<String> = new
        .iter()
        .filter(|c| !old.contains(c))
        .map(|c| format!("Nieuw, {}.", describe(c)))
        .collect();
    out.extend(
        old.iter()
            .filter(|c| !new.contains(c))
            .map(|c| format!("Weggehaald, {}.", describe(c))),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft;
    use koers_content::{Address, ContactPoint, Definition, OpeningPeriod, Weekday};

    /// A made-up organisation (no real one's facts).
    fn proefdorp() -> Organisation {
        let mut org = draft::empty();
        org.slug = "proefdorp".into();
        org.name = "Gemeente Proefdorp".into();
        org.short_name = "Proefdorp".into();
        org.description = "Proefdorp is een verzonnen gemeente om mee te testen.".into();
        org.pages.missie = Some(Page {
            title: "Onze missie".into(),
            description: "Waarom Proefdorp er is.".into(),
            blocks: vec![
                Block::Heading {
                    text: "Samen".into(),
                },
                Block::Paragraph {
                    text: "Wij helpen elke inwoner van Proefdorp snel en vriendelijk verder, \
                           aan het loket, aan de telefoon en online."
                        .into(),
                },
                Block::List {
                    items: vec!["Snel".into(), "Vriendelijk".into()],
                },
            ],
        });
        org.pages.contact = Some(Page {
            title: "Contact".into(),
            description: "Zo bereik je ons.".into(),
            blocks: vec![Block::Contact(ContactPoint {
                name: "Onthaal".into(),
                address: Some(Address {
                    street: "Proefstraat 1".into(),
                    postcode: "9999".into(),
                    city: "Proefdorp".into(),
                }),
                phone: Some("014 00 00 00".into()),
                fax: None,
                email: None,
                website: None,
                hours: vec![OpeningPeriod {
                    day: Weekday::Monday,
                    opens: "09:00".into(),
                    closes: "12:00".into(),
                }],
            })],
        });
        org
    }

    fn all(sections: &[Section]) -> Vec<String> {
        sections
            .iter()
            .flat_map(|s| s.changes.iter().map(move |c| format!("{}: {c}", s.title)))
            .collect()
    }

    fn contact(org: &mut Organisation) -> &mut ContactPoint {
        match &mut org.pages.contact.as_mut().unwrap().blocks[0] {
            Block::Contact(c) => c,
            _ => unreachable!(),
        }
    }

    #[test]
    fn the_same_version_has_no_changes() {
        assert_eq!(diff(&proefdorp(), &proefdorp()), Vec::new());
    }

    #[test]
    fn a_new_phone_number_is_said_at_its_block_and_field() {
        let old = proefdorp();
        let mut new = proefdorp();
        contact(&mut new).phone = Some("014 11 11 11".into());
        assert_eq!(
            all(&diff(&old, &new)),
            ["Pagina Contact: Contactgegevens ‘Onthaal’, blok 1 › telefoon: 014 00 00 00 → 014 11 11 11"]
        );
        contact(&mut new).phone = None;
        contact(&mut new).email = Some("onthaal@proefdorp.invalid".into());
        let said = all(&diff(&old, &new));
        assert!(
            said.iter()
                .any(|s| s.contains("telefoon is leeggemaakt (was ‘014 00 00 00’)")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|s| s.contains("e-mail is ingevuld: ‘onthaal@proefdorp.invalid’")),
            "{said:?}"
        );
    }

    #[test]
    fn the_organisations_own_fields_are_named_and_a_long_text_changes_by_words() {
        let old = proefdorp();
        let mut new = proefdorp();
        new.name = "Gemeente Proefstad".into();
        new.description = "Proefdorp is een verzonnen gemeente om mee te oefenen.".into();
        new.enterprise_number = Some("0000.000.097".into());
        let long = "Een lange beschrijving van de gemeente die over meer dan tachtig tekens gaat, \
                    zodat ze in woorden vergeleken wordt.";
        let mut long_old = proefdorp();
        long_old.description = long.into();
        let mut long_new = proefdorp();
        long_new.description = long.replace("lange", "korte").replace(", zodat", ". Zodat");
        assert_eq!(
            all(&diff(&old, &new)),
            [
                "Algemeen: De naam: Gemeente Proefdorp → Gemeente Proefstad",
                "Algemeen: De beschrijving: Proefdorp is een verzonnen gemeente om mee te testen. → \
                 Proefdorp is een verzonnen gemeente om mee te oefenen.",
                "Algemeen: Het ondernemingsnummer is ingevuld: ‘0000.000.097’.",
            ]
        );
        assert_eq!(
            all(&diff(&long_old, &long_new)),
            ["Algemeen: De beschrijving is veranderd: ‘lange’ werd ‘korte’; ‘gaat,’ werd ‘gaat.’; ‘zodat’ werd ‘Zodat’."]
        );
    }

    #[test]
    fn pages_added_and_removed_and_their_title() {
        let old = proefdorp();
        let mut new = proefdorp();
        new.pages.contact = None;
        new.pages.visie = Some(Page {
            title: "Visie".into(),
            description: "Waar we heen willen.".into(),
            blocks: vec![Block::Paragraph {
                text: "Een groen Proefdorp.".into(),
            }],
        });
        new.pages.missie.as_mut().unwrap().title = "Waarom we er zijn".into();
        assert_eq!(
            all(&diff(&old, &new)),
            [
                "Pagina Missie: De titel: Onze missie → Waarom we er zijn",
                "Pagina Visie: De pagina is toegevoegd, met 1 blok.",
                "Pagina Contact: De pagina is weggehaald.",
            ]
        );
    }

    #[test]
    fn blocks_added_removed_changed_and_moved() {
        let old = proefdorp();
        let mut new = proefdorp();
        let blocks = &mut new.pages.missie.as_mut().unwrap().blocks;
        // The list moves to the top, the heading goes, a link comes, an item is added.
        let list = blocks.remove(2);
        blocks.insert(0, list);
        blocks.retain(|b| !matches!(b, Block::Heading { .. }));
        blocks.push(Block::Link {
            label: "Meer over Proefdorp".into(),
            href: "https://proefdorp.invalid".into(),
        });
        let said = all(&diff(&old, &new));
        assert!(
            said.contains(
                &"Pagina Missie: Opsomming, blok 1 is verplaatst van plaats 3 naar plaats 1."
                    .to_string()
            ),
            "{said:?}"
        );
        assert!(
            said.contains(&"Pagina Missie: Tussentitel ‘Samen’, blok 1 is weggehaald.".to_string()),
            "{said:?}"
        );
        assert!(said.contains(&"Pagina Missie: Link ‘Meer over Proefdorp’, blok 3 is toegevoegd: ‘Meer over Proefdorp’.".to_string()), "{said:?}");
        assert_eq!(said.len(), 3, "{said:?}");

        let mut new = proefdorp();
        let blocks = &mut new.pages.missie.as_mut().unwrap().blocks;
        blocks[2] = Block::List {
            items: vec!["Snel".into(), "Eerlijk".into(), "Vriendelijk".into()],
        };
        blocks[1] = Block::Quote {
            text: "Een verzonnen citaat.".into(),
            source: "Niemand".into(),
        };
        assert_eq!(
            all(&diff(&old, &new)),
            [
                "Pagina Missie: Opsomming, blok 3 › item: ‘Eerlijk’ toegevoegd.",
                "Pagina Missie: Alinea, blok 2 is weggehaald.",
                "Pagina Missie: Citaat, blok 2 is toegevoegd: ‘Een verzonnen citaat.’.",
            ]
        );
    }

    #[test]
    fn opening_hours_terms_and_change_notes() {
        let old = proefdorp();
        let mut new = proefdorp();
        contact(&mut new).hours[0].closes = "12:30".into();
        new.pages
            .missie
            .as_mut()
            .unwrap()
            .blocks
            .push(Block::Definitions {
                items: vec![Definition {
                    term: "OCMW".into(),
                    description: "Openbaar centrum voor maatschappelijk welzijn".into(),
                }],
            });
        new.changes.push(Change {
            date: "2026-12-02".into(),
            note: "Het telefoonnummer is nieuw.".into(),
            pages: vec![PageKind::Contact],
        });
        assert_eq!(
            all(&diff(&old, &new)),
            [
                "Pagina Missie: Begrippen, blok 4 is toegevoegd: ‘OCMW: Openbaar centrum voor maatschappelijk welzijn’.",
                "Pagina Contact: Contactgegevens ‘Onthaal’, blok 1 › openingsuren: maandag 09:00–12:00 → maandag 09:00–12:30",
                "Wijzigingen voor inwoners: Nieuw, 2026-12-02 (over Contact): ‘Het telefoonnummer is nieuw.’.",
            ]
        );
        assert_eq!(
            all(&diff(&new, &old)).last().unwrap(),
            "Wijzigingen voor inwoners: Weggehaald, 2026-12-02 (over Contact): ‘Het telefoonnummer is nieuw.’."
        );
    }

    #[test]
    fn a_themes_ambitions_a_links_address_and_a_quotes_source() {
        let theme = |ambitions: &[&str]| Block::Theme {
            title: "Wonen".into(),
            ambitions: ambitions.iter().map(|a| a.to_string()).collect(),
        };
        let mut old = proefdorp();
        old.pages.ambities = Some(Page {
            title: "Ambities".into(),
            description: "Wat we willen.".into(),
            blocks: vec![
                theme(&["Meer groen", "Betaalbaar wonen"]),
                Block::Link {
                    label: "Meer lezen".into(),
                    href: "https://proefdorp.invalid/oud".into(),
                },
                Block::Quote {
                    text: "Samen maken we Proefdorp.".into(),
                    source: "De burgemeester".into(),
                },
            ],
        });
        let mut new = old.clone();
        let blocks = &mut new.pages.ambities.as_mut().unwrap().blocks;
        blocks[0] = theme(&["Betaalbaar wonen", "Veilige straten"]);
        blocks[1] = Block::Link {
            label: "Meer lezen".into(),
            href: "https://proefdorp.invalid/nieuw".into(),
        };
        blocks[2] = Block::Quote {
            text: "Samen maken we Proefdorp.".into(),
            source: "Het college".into(),
        };
        assert_eq!(
            all(&diff(&old, &new)),
            [
                "Pagina Ambities: Thema met ambities ‘Wonen’, blok 1 › ambitie: ‘Meer groen’ weggehaald.",
                "Pagina Ambities: Thema met ambities ‘Wonen’, blok 1 › ambitie: ‘Veilige straten’ toegevoegd.",
                "Pagina Ambities: Link ‘Meer lezen’, blok 2 › adres van de link: \
                 https://proefdorp.invalid/oud → https://proefdorp.invalid/nieuw",
                "Pagina Ambities: Citaat, blok 3 › bron: De burgemeester → Het college",
            ]
        );
    }

    #[test]
    fn every_real_organisation_reads_as_unchanged_by_itself_and_its_blocks_as_moved() {
        let orgs: Vec<Organisation> = draft::tests::content_files()
            .iter()
            .map(|(name, text)| draft::open(name, text.as_bytes()).unwrap().organisation)
            .collect();
        for org in &orgs {
            assert_eq!(diff(org, org), Vec::new(), "{}", org.slug);
            // Two blocks swapped: said as moved, nothing removed or added.
            let mut swapped = org.clone();
            let Some(page) = PageKind::ALL.into_iter().find_map(|k| {
                let blocks = &swapped.pages.get(k)?.blocks;
                (blocks.len() >= 2 && blocks[0] != blocks[1]).then_some(k)
            }) else {
                continue;
            };
            let blocks = match page {
                PageKind::Missie => &mut swapped.pages.missie,
                PageKind::Visie => &mut swapped.pages.visie,
                PageKind::Ambities => &mut swapped.pages.ambities,
                PageKind::Contact => &mut swapped.pages.contact,
            };
            blocks.as_mut().unwrap().blocks.swap(0, 1);
            let said = all(&diff(org, &swapped));
            assert!(!said.is_empty(), "{}", org.slug);
            assert!(
                said.iter().all(|s| s.contains("is verplaatst van plaats")),
                "{}: {said:?}",
                org.slug
            );
        }
        // Two different organisations: every difference is said, at least their names.
        let said = all(&diff(&orgs[0], &orgs[1]));
        assert!(
            said.iter().any(|s| s.starts_with("Algemeen: De naam")),
            "{said:?}"
        );
    }

    #[test]
    fn a_very_long_text_is_shortened_in_its_sentence() {
        let text = "woord ".repeat(60);
        assert!(quoted(&text).ends_with("…’"));
        assert!(quoted(&text).chars().count() <= SHORT + 3);
    }
}
