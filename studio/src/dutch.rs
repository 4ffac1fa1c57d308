//! The checks' messages in plain Dutch, for editors in the studio. `cargo xtask
//! check-content` reports in English (for whoever runs a build); the studio says the
//! same in Dutch at the field, and names the field as the form does.

use koers_content::PageKind;

/// `message` (a message of the content checks) in plain Dutch; a message the studio
/// does not know is given as it is.
pub fn message(message: &str) -> String {
    let quoted = || message.split('"').nth(1).unwrap_or_default();
    let numbers: Vec<&str> = message
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .map(|n| n.trim_matches('.'))
        .filter(|n| !n.is_empty())
        .collect();
    let number = |i: usize| numbers.get(i).copied().unwrap_or_default();
    let m = message;
    let text = if m.starts_with("is empty") {
        "Vul dit in.".to_string()
    } else if m.contains("characters; at most") {
        format!(
            "Deze tekst is te lang: {} tekens, hoogstens {}. Verdeel hem over meer alinea's.",
            number(0),
            number(1)
        )
    } else if m.contains("characters; home screens show at most") {
        format!(
            "Te lang voor een startscherm: {} tekens, hoogstens {}.",
            number(0),
            number(1)
        )
    } else if m.starts_with("contains HTML markup") {
        "Gebruik hier geen HTML-code, alleen gewone tekst. Een tussentitel, opsomming of link voeg je toe als blok.".into()
    } else if let Some(kind) = m
        .strip_prefix("contains the ")
        .and_then(|rest| rest.split_once(" character U+"))
    {
        // The code point, to find the character with; its English name is left out.
        let point = format!("U+{}", kind.1.split(' ').next().unwrap_or_default());
        let what = match kind.0 {
            "control" => "een onzichtbaar stuurteken",
            "direction" => "een onzichtbaar teken voor de schrijfrichting",
            _ => "een onzichtbaar teken",
        };
        format!("Hier staat {what} ({point}). Haal het weg, of typ het veld opnieuw.")
    } else if m.starts_with("link ") && m.contains("is not allowed") {
        let allowed = m.rsplit("must start with ").next().unwrap_or_default();
        format!(
            "Deze link kan niet. Een link begint met {}.",
            allowed.replace(" or ", " of ")
        )
    } else if m.starts_with("slug ") && m.contains("is not valid") {
        "Gebruik alleen kleine letters, cijfers en koppeltekens, zoals heusden-zolder.".into()
    } else if m.starts_with("slug ") && m.contains("is taken by the app") {
        format!(
            "Dit adres gebruikt de app zelf (/{}). Kies een ander.",
            quoted()
        )
    } else if m.contains("is not a colour") {
        "Dit is geen kleur. Kies een kleur, of schrijf ze als # met zes tekens, zoals #0b5a7a."
            .into()
    } else if m.contains("has a contrast of") {
        let ratio = |after: &str| {
            let rest = m.split(after).nth(1).unwrap_or_default();
            rest.split(':').next().unwrap_or_default().replace('.', ",")
        };
        format!(
            "Deze kleur is te licht: witte tekst erop is slecht leesbaar (contrast {}:1, minstens {}:1 nodig). Kies een donkerdere kleur.",
            ratio("contrast of "),
            ratio("at least ")
        )
    } else if m.starts_with("the organisation has no page") {
        "Er is nog geen pagina. Voeg minstens één pagina toe: missie, visie, ambities of contact."
            .into()
    } else if m.starts_with("the page is empty") {
        "Deze pagina heeft nog geen blokken. Voeg een blok toe, of laat de pagina weg.".into()
    } else if m.starts_with("the page has") && m.contains("blocks; a page may have at most") {
        format!(
            "Deze pagina heeft {} blokken, hoogstens {}. Verdeel de tekst over minder, vollere blokken of laat er weg.",
            number(0),
            number(1)
        )
    } else if m.starts_with("the page's lists have") {
        format!(
            "De lijsten van deze pagina hebben samen {} items, hoogstens {}. Laat er enkele weg.",
            number(0),
            number(1)
        )
    } else if m.starts_with("the list is empty") {
        "De lijst is leeg. Voeg een item toe, of verwijder het blok.".into()
    } else if m.starts_with("the contact has no address") {
        "Geef een adres, telefoonnummer, e-mailadres of website, of verwijder het blok.".into()
    } else if m.contains("is not an enterprise number") {
        "Dit is geen ondernemingsnummer. Schrijf de tien cijfers, zoals 0208.038.769.".into()
    } else if m.contains("an enterprise number has ten") {
        format!(
            "Een ondernemingsnummer heeft tien cijfers; hier staan er {}. Heeft het er negen? Zet er dan een 0 voor.",
            m.split(" has ").nth(1).and_then(|r| r.split(' ').next()).unwrap_or_default()
        )
    } else if m.contains("is not a valid enterprise number") {
        format!(
            "Dit ondernemingsnummer klopt niet: de laatste twee cijfers zouden {} moeten zijn. Kijk het na in de KBO.",
            m.split("should be ").nth(1).and_then(|r| r.split(' ').next()).unwrap_or_default()
        )
    } else if m.contains("is not a Belgian postcode") {
        "Een Belgische postcode heeft vier cijfers.".into()
    } else if m.contains("is not a phone number") {
        "Dit is geen telefoonnummer. Schrijf het in cijfers, met spaties als je wilt.".into()
    } else if m.contains("is not an e-mail address") {
        "Dit is geen e-mailadres. Het ziet eruit als naam@voorbeeld.be.".into()
    } else if m.contains("is not a time") {
        "Dit is geen uur. Schrijf uren en minuten, zoals 09:00 of 17:30.".into()
    } else if m.contains("is not a date") {
        "Dit is geen datum. Schrijf jaar, maand en dag, zoals 2026-12-02.".into()
    } else if m.contains("is newer than the note before it") {
        "Deze wijziging is nieuwer dan die erboven. Zet de nieuwste wijziging bovenaan.".into()
    } else if m.contains("which the organisation does not have") {
        format!(
            "Deze wijziging gaat over de pagina ‘{}’, maar die pagina is er niet. Vink ze uit, of voeg de pagina toe.",
            PageKind::from_slug(quoted()).map_or(quoted(), |k| k.label())
        )
    } else if m.contains("the note names the page") && m.ends_with("twice") {
        "Een pagina staat hier twee keer.".into()
    } else if m.starts_with("opens and closes at the same time") {
        "Het opent en sluit op hetzelfde uur. Loopt het door na middernacht? Geef dan het uur waarop het de volgende dag sluit.".into()
    } else {
        return message.to_string();
    };
    text
}

/// The field a problem's path names, as the form labels it:
/// `pages.missie.blocks[2].text` → "Missie, blok 3: tekst".
pub fn field(path: &str) -> String {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or_default();
    if let Some(i) = first
        .strip_prefix("changes[")
        .and_then(|i| i.trim_end_matches(']').parse::<usize>().ok())
    {
        let what = match parts.next() {
            Some("date") => ": datum",
            Some("note") => ": wat er veranderd is",
            Some("pages") => ": over welke pagina's",
            _ => "",
        };
        return format!("Wijziging {}{what}", i + 1);
    }
    let top = match first {
        "changes" => "Wijzigingen",
        "" => return "Het bestand".into(),
        "slug" => "Adres",
        "name" => "Naam",
        "short_name" => "Korte naam",
        "accent" => "Accentkleur",
        "description" => "Beschrijving",
        "enterprise_number" => "Ondernemingsnummer",
        "pages" => "Pagina's",
        other => other,
    };
    let Some(kind) = parts.next().and_then(PageKind::from_slug) else {
        return top.into();
    };
    let mut out = kind.label().to_string();
    let mut rest: Vec<String> = Vec::new();
    for part in parts {
        let (name, index) = match part.split_once('[') {
            Some((name, i)) => (name, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let word = match name {
            "title" => "titel",
            "description" => "beschrijving",
            "blocks" => "blok",
            "text" => "tekst",
            "items" => "item",
            "source" => "bron",
            "term" => "begrip",
            "ambitions" => "ambitie",
            "label" => "linktekst",
            "href" => "adres van de link",
            "name" => "naam",
            "address" => "adres",
            "street" => "straat en nummer",
            "postcode" => "postcode",
            "city" => "gemeente",
            "phone" => "telefoon",
            "fax" => "fax",
            "email" => "e-mail",
            "website" => "website",
            "hours" => "openingsuren",
            "opens" => "opent",
            "closes" => "sluit",
            "day" => "dag",
            other => other,
        };
        rest.push(match index {
            Some(i) => format!("{word} {}", i + 1),
            None => word.to_string(),
        });
    }
    if let Some((first, more)) = rest.split_first() {
        out.push_str(", ");
        out.push_str(first);
        if !more.is_empty() {
            out.push_str(": ");
            out.push_str(&more.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{check, empty, BlockKind, Offer};
    use koers_content::{Address, Block, ContactPoint, OpeningPeriod, Page, Weekday};

    /// A made-up organisation that breaks every rule the form can break.
    fn broken() -> koers_content::Organisation {
        let mut org = empty();
        org.slug = "Proef Gemeente".into();
        org.short_name = "Een veel te lange korte naam".into();
        org.accent = "#ffff00".into();
        org.description = "<b>vet</b>".into();
        let contact = ContactPoint {
            name: "Loket".into(),
            address: Some(Address {
                street: "Proefstraat 1".into(),
                postcode: "12".into(),
                city: "Proefdorp".into(),
            }),
            phone: Some("bel ons".into()),
            fax: None,
            email: Some("geen adres".into()),
            website: Some("ftp://proef".into()),
            hours: vec![
                OpeningPeriod {
                    day: Weekday::Monday,
                    opens: "9 uur".into(),
                    closes: "12:00".into(),
                },
                OpeningPeriod {
                    day: Weekday::Tuesday,
                    opens: "12:00".into(),
                    closes: "12:00".into(),
                },
            ],
        };
        org.pages.missie = Some(Page {
            title: "Missie".into(),
            description: "x".repeat(5000),
            blocks: vec![
                BlockKind::List.new_block(),
                Block::List { items: Vec::new() },
                Block::Paragraph {
                    text: "a\u{7}b".into(),
                },
                Block::Paragraph {
                    text: "a\u{202e}b".into(),
                },
                Block::Link {
                    label: "Proef".into(),
                    href: "https://proef.example/\u{200b}".into(),
                },
                Block::Link {
                    label: "Klik".into(),
                    href: "javascript:alert(1)".into(),
                },
                Block::Contact(contact),
                BlockKind::Contact.new_block(),
            ],
        });
        org.pages.visie = Some(crate::draft::empty_page());
        let note = |date: &str, note: &str, pages: Vec<PageKind>| koers_content::Change {
            date: date.into(),
            note: note.into(),
            pages,
        };
        org.changes = vec![
            note("2026-01-01", "Nieuwe openingsuren.", Vec::new()),
            note("2026-12-02", "Later dan de vorige.", Vec::new()),
            note(
                "2026-13-01",
                "",
                vec![PageKind::Visie, PageKind::Visie, PageKind::Ambities],
            ),
        ];
        org
    }

    #[test]
    fn every_message_the_form_can_cause_reads_in_dutch() {
        let mut problems = check(&broken());
        let mut reserved = empty();
        reserved.slug = "toegankelijkheid".into();
        problems.extend(check(&reserved));
        let mut dark = empty();
        dark.accent = "geel".into();
        problems.extend(check(&dark));
        for number in ["KBO", "0208.038.76", "0208.038.768"] {
            let mut org = empty();
            org.enterprise_number = Some(number.into());
            problems.extend(check(&org));
        }
        assert!(problems.len() > 20, "{problems:#?}");
        for path in [
            "changes[1].date",
            "changes[2].date",
            "changes[2].note",
            "changes[2].pages",
        ] {
            assert!(
                problems.iter().any(|p| p.path == path),
                "{path}: {problems:#?}"
            );
        }
        for p in &problems {
            let dutch = message(&p.message);
            assert_ne!(dutch, p.message, "no Dutch for {p}");
            assert!(!field(&p.path).is_empty());
        }
    }

    #[test]
    fn hidden_characters_are_shown_at_their_field() {
        let mut org = empty();
        org.slug = "proef\u{200b}".into();
        org.name = "Proef\u{202e}gemeente".into();
        org.short_name = "Proef\u{ad}".into();
        let contact = ContactPoint {
            name: "Onthaal".into(),
            address: None,
            phone: Some("012 34 56 78\u{7f}".into()),
            fax: None,
            email: Some("info\u{0}@proef.example".into()),
            website: Some("https://proef.example\u{1}".into()),
            hours: Vec::new(),
        };
        org.pages.contact = Some(Page {
            title: "Contact".into(),
            description: "Hoe je ons bereikt.".into(),
            blocks: vec![
                Block::Link {
                    label: "Site".into(),
                    href: "https://proef.example\u{202e}/gro.live".into(),
                },
                Block::Contact(contact),
            ],
        });
        let problems = check(&org);
        for (path, point, what) in [
            ("slug", "U+200B", "een onzichtbaar teken ("),
            ("name", "U+202E", "schrijfrichting"),
            ("short_name", "U+00AD", "een onzichtbaar teken ("),
            ("pages.contact.blocks[0].href", "U+202E", "schrijfrichting"),
            ("pages.contact.blocks[1].phone", "U+007F", "stuurteken"),
            ("pages.contact.blocks[1].email", "U+0000", "stuurteken"),
            ("pages.contact.blocks[1].website", "U+0001", "stuurteken"),
        ] {
            // What the form shows under the field (`fields::messages`).
            let shown: Vec<String> = crate::draft::problems_at(&problems, path)
                .map(|p| message(&p.message))
                .collect();
            assert_eq!(shown.len(), 1, "{path}: {shown:?} in {problems:#?}");
            assert!(
                shown[0].contains(&format!("({point})")) && shown[0].contains(what),
                "{path}: {shown:?}"
            );
        }
    }

    #[test]
    fn numbers_keep_their_place() {
        let contrast = "\"#ffff00\" has a contrast of 1.07:1 with the white page; at least 4.5:1 is needed: choose a darker colour";
        assert!(message(contrast).contains("contrast 1,07:1, minstens 4,5:1"));
        let long =
            "has 5000 characters; at most 2000 are allowed: split it into several paragraphs";
        assert!(message(long).contains("5000 tekens, hoogstens 2000"));
        let mut org = empty();
        org.enterprise_number = Some("0208.038.768".into());
        let wrong = check(&org)
            .into_iter()
            .find(|p| p.path == "enterprise_number")
            .unwrap();
        assert!(
            message(&wrong.message).contains("zouden 69 moeten zijn"),
            "{wrong}"
        );
        org.enterprise_number = Some("208.038.76".into());
        let short = check(&org)
            .into_iter()
            .find(|p| p.path == "enterprise_number")
            .unwrap();
        assert!(
            message(&short.message).contains("hier staan er 8"),
            "{short}"
        );
    }

    #[test]
    fn the_limits_of_a_page_speak_dutch() {
        let mut org = empty();
        let mut page = crate::draft::empty_page();
        page.blocks = vec![
            Block::List {
                items: vec!["x".into(); 3]
            };
            101
        ];
        org.pages.missie = Some(page);
        let messages: Vec<String> = check(&org)
            .iter()
            .filter(|p| p.path == "pages.missie.blocks")
            .map(|p| message(&p.message))
            .collect();
        assert_eq!(
            messages,
            [
                "Deze pagina heeft 101 blokken, hoogstens 100. Verdeel de tekst over minder, vollere blokken of laat er weg.",
                "De lijsten van deze pagina hebben samen 303 items, hoogstens 300. Laat er enkele weg."
            ]
        );
    }

    #[test]
    fn fields_are_named_as_the_form_labels_them() {
        assert_eq!(
            field("pages.missie.blocks[2].text"),
            "Missie, blok 3: tekst"
        );
        assert_eq!(field("pages.contact.title"), "Contact, titel");
        assert_eq!(
            field("pages.contact.blocks[0].hours[1].opens"),
            "Contact, blok 1: openingsuren 2, opent"
        );
        assert_eq!(field("short_name"), "Korte naam");
        assert_eq!(field(""), "Het bestand");
        assert_eq!(field("changes[1].note"), "Wijziging 2: wat er veranderd is");
        assert_eq!(field("changes"), "Wijzigingen");
    }
}
