//! Contact details that act: a contact card as a vCard ("Bewaar contact"), phone
//! numbers in international form, and an address as a map link ("Toon op kaart").

use crate::content::{Address, ContactPoint};

/// A Belgian phone number in international form for `tel:` links and vCards:
/// "011 80 80 86" becomes "+3211808086", "0032 …" and "+32 …" stay international.
/// A number without a leading 0 or + is kept as its digits.
pub fn international_phone(number: &str) -> String {
    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    if number.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("+32{rest}")
    } else {
        digits
    }
}

/// The contact card as a vCard 3.0 (the version address books on phones and
/// computers read best): only the fields the content has, text escaped, lines folded
/// at 75 octets and ended with CRLF. `organisation` is the name of the organisation
/// the card belongs to.
pub fn vcard(organisation: &str, contact: &ContactPoint) -> String {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".to_string(),
        // N is required in 3.0; a card of a service has no person's name.
        "N:;;;;".to_string(),
        format!("FN:{}", escape(&contact.name)),
    ];
    if contact.name == organisation {
        lines.push(format!("ORG:{}", escape(organisation)));
    } else {
        lines.push(format!(
            "ORG:{};{}",
            escape(organisation),
            escape(&contact.name)
        ));
    }
    // Address books show the card as an organisation, not a person.
    lines.push("X-ABShowAs:COMPANY".to_string());
    if let Some(a) = &contact.address {
        lines.push(format!(
            "ADR;TYPE=work:;;{};{};;{};",
            escape(&a.street),
            escape(&a.city),
            escape(&a.postcode)
        ));
    }
    if let Some(p) = &contact.phone {
        lines.push(format!("TEL;TYPE=work,voice:{}", international_phone(p)));
    }
    if let Some(f) = &contact.fax {
        lines.push(format!("TEL;TYPE=work,fax:{}", international_phone(f)));
    }
    if let Some(e) = &contact.email {
        lines.push(format!("EMAIL;TYPE=internet,work:{}", escape(e)));
    }
    if let Some(w) = &contact.website {
        lines.push(format!("URL:{}", w.trim()));
    }
    lines.push("END:VCARD".to_string());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

/// Escapes a vCard text value: backslash, comma, semicolon and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line longer than 75 octets: CRLF and one space before each
/// continuation, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / MAX * 3);
    let mut used = 0;
    let mut first = true;
    for c in line.chars() {
        let limit = if first { MAX } else { MAX - 1 };
        if used + c.len_utf8() > limit {
            out.push_str("\r\n ");
            used = 0;
            first = false;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

/// The file name of the card: "afdeling-welzijn-en-lokale-economie.vcf".
pub fn vcard_file_name(name: &str) -> String {
    let folded = crate::tools::letters::fold_text(name);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "contact.vcf".into()
    } else {
        format!("{slug}.vcf")
    }
}

/// OpenStreetMap's search for the address: "Heldenplein 1, 3550 Heusden-Zolder".
pub fn map_url(address: &Address) -> String {
    let query = format!("{}, {} {}", address.street, address.postcode, address.city);
    format!(
        "https://www.openstreetmap.org/search?query={}",
        crate::routes::encode_query_value(&query)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up contact point (the real ones are tested with the real content in
    /// `tests/it/tools.rs`).
    fn example() -> ContactPoint {
        ContactPoint {
            name: "Dienst Burgerzaken".into(),
            address: Some(Address {
                street: "Voorbeeldstraat 1".into(),
                postcode: "9999".into(),
                city: "Voorbeeldgem".into(),
            }),
            phone: Some("012 34 56 78".into()),
            fax: Some("012 34 56 79".into()),
            email: None,
            website: None,
            hours: Vec::new(),
        }
    }

    #[test]
    fn phone_numbers_become_international() {
        assert_eq!(international_phone("011 80 80 86"), "+3211808086");
        assert_eq!(international_phone("+32 11 80 80 86"), "+3211808086");
        assert_eq!(international_phone("0032 11 80 80 86"), "+3211808086");
        assert_eq!(international_phone("014/99.88.77"), "+3214998877");
        assert_eq!(international_phone("1700"), "1700");
    }

    #[test]
    fn map_link_searches_the_address_on_openstreetmap() {
        let a = example().address.unwrap();
        assert_eq!(
            map_url(&a),
            "https://www.openstreetmap.org/search?query=Voorbeeldstraat%201%2C%209999%20Voorbeeldgem"
        );
        let accented = Address {
            street: "Grote Markt 1 & co".into(),
            postcode: "2200".into(),
            city: "Noorderwijk-Hé".into(),
        };
        assert_eq!(
            map_url(&accented),
            "https://www.openstreetmap.org/search?query=Grote%20Markt%201%20%26%20co%2C%202200%20Noorderwijk-H%C3%A9"
        );
    }

    #[test]
    fn a_vcard_has_exactly_the_contact_points_details() {
        assert_eq!(
            vcard("Gemeente Voorbeeldgem", &example()),
            "BEGIN:VCARD\r\n\
             VERSION:3.0\r\n\
             N:;;;;\r\n\
             FN:Dienst Burgerzaken\r\n\
             ORG:Gemeente Voorbeeldgem;Dienst Burgerzaken\r\n\
             X-ABShowAs:COMPANY\r\n\
             ADR;TYPE=work:;;Voorbeeldstraat 1;Voorbeeldgem;;9999;\r\n\
             TEL;TYPE=work,voice:+3212345678\r\n\
             TEL;TYPE=work,fax:+3212345679\r\n\
             END:VCARD\r\n"
        );
    }

    #[test]
    fn vcard_has_only_the_fields_the_content_has() {
        let only_mail = ContactPoint {
            name: "OCMW Voorbeeld".into(),
            address: None,
            phone: None,
            fax: None,
            email: Some("info@voorbeeld.be".into()),
            website: Some("https://www.voorbeeld.be".into()),
            hours: Vec::new(),
        };
        let card = vcard("OCMW Voorbeeld", &only_mail);
        assert_eq!(
            card,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:OCMW Voorbeeld\r\nORG:OCMW Voorbeeld\r\n\
             X-ABShowAs:COMPANY\r\nEMAIL;TYPE=internet,work:info@voorbeeld.be\r\n\
             URL:https://www.voorbeeld.be\r\nEND:VCARD\r\n"
        );
        assert!(!card.contains("ADR") && !card.contains("TEL"));
    }

    #[test]
    fn vcard_escapes_text_and_folds_long_lines() {
        assert_eq!(escape(r"a,b;c\d"), r"a\,b\;c\\d");
        assert_eq!(escape("een\r\ntwee\ndrie\rvier"), r"een\ntwee\ndrie\nvier");
        let contact = ContactPoint {
            name: "Dienst wonen, werken; en \\ leven".into(),
            address: Some(Address {
                street: "Dorpsstraat 1, bus 2".into(),
                postcode: "9999".into(),
                city: "Voorbeeldgem".into(),
            }),
            phone: None,
            fax: None,
            email: None,
            website: None,
            hours: Vec::new(),
        };
        let card = vcard("Stad", &contact);
        assert!(card.contains("\r\nFN:Dienst wonen\\, werken\\; en \\\\ leven\r\n"));
        assert!(card.contains("\r\nADR;TYPE=work:;;Dorpsstraat 1\\, bus 2;Voorbeeldgem;;9999;\r\n"));

        let long = "é".repeat(50); // 100 octets
        let folded = fold(&format!("FN:{long}"));
        let lines: Vec<&str> = folded.split("\r\n").collect();
        assert!(lines.len() > 1, "{folded}");
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("FN:{long}"));
        // Every line of a card ends in CRLF, and no bare LF is left.
        let card = vcard("Stad", &contact);
        assert!(card.ends_with("\r\n"));
        assert_eq!(card.matches('\n').count(), card.matches("\r\n").count());
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            vcard_file_name("Afdeling welzijn en lokale economie"),
            "afdeling-welzijn-en-lokale-economie.vcf"
        );
        assert_eq!(
            vcard_file_name("OCMW Hérentals (dienst)"),
            "ocmw-herentals-dienst.vcf"
        );
        assert_eq!(vcard_file_name("…"), "contact.vcf");
    }
}
