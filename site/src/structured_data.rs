//! schema.org structured data for an organisation's pages: a `GovernmentOrganization`
//! as JSON-LD, generated here at build time (the residents' wasm carries none of it)
//! from the content and only from it. What the content does not say is left out.
//!
//! Every contact card is a `contactPoint`, with its own name. The organisation's own
//! address, phone, e-mail and opening hours are those of the card that bears the
//! organisation's name, when there is one: a department's or a service's details are
//! not the organisation's (a card's address, which a `ContactPoint` cannot hold, is on
//! the page).

use koers_content::{
    format_enterprise_number, Address, Block, ContactPoint, Minutes, Organisation, Weekday,
};
use serde_json::{json, Map, Value};

/// The JSON-LD of `org`, whose start page is at `url` (absolute when the site's
/// address is known, else the path, which JSON-LD reads against the page's address).
pub fn organisation(org: &Organisation, url: &str) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org"));
    out.insert("@type".into(), json!("GovernmentOrganization"));
    out.insert("name".into(), json!(org.name));
    out.insert("url".into(), json!(url));
    out.insert("description".into(), json!(org.description));
    if let Some(number) = org
        .enterprise_number
        .as_deref()
        .and_then(format_enterprise_number)
    {
        out.insert(
            "identifier".into(),
            json!({
                "@type": "PropertyValue",
                "propertyID": "ondernemingsnummer",
                "value": number,
            }),
        );
    }
    let cards = contact_cards(org);
    if let Some(main) = own_card(org, &cards) {
        if let Some(address) = &main.address {
            out.insert("address".into(), postal_address(address));
        }
        insert(&mut out, "telephone", &main.phone);
        insert(&mut out, "email", &main.email);
        let hours = opening_hours(main);
        if !hours.is_empty() {
            out.insert("openingHoursSpecification".into(), Value::Array(hours));
        }
    }
    if !cards.is_empty() {
        out.insert(
            "contactPoint".into(),
            Value::Array(cards.iter().map(|c| contact_point(c)).collect()),
        );
    }
    Value::Object(out)
}

/// A page of an organisation as a schema.org `WebPage`, with the day it last changed
/// (`date`, from the organisation's change notes).
pub fn web_page(url: &str, name: &str, date: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": url,
        "name": name,
        "inLanguage": "nl-BE",
        "dateModified": date,
    })
}

/// The `<script type="application/ld+json">` element for a page's `<head>`. Inside a
/// script, `<` could end the element: JSON allows it escaped.
pub fn script(data: &Value) -> String {
    let json = serde_json::to_string(data)
        .expect("JSON-LD serialises")
        .replace('<', "\\u003c");
    format!("<script type=\"application/ld+json\">{json}</script>")
}

/// The contact card of the organisation itself: the first that bears its name.
fn own_card<'a>(org: &Organisation, cards: &[&'a ContactPoint]) -> Option<&'a ContactPoint> {
    cards.iter().copied().find(|c| c.name == org.name)
}

/// Every contact card of the organisation's pages, in page order.
fn contact_cards(org: &Organisation) -> Vec<&ContactPoint> {
    org.pages
        .present()
        .into_iter()
        .flat_map(|(_, page)| &page.blocks)
        .filter_map(|block| match block {
            Block::Contact(contact) => Some(contact),
            _ => None,
        })
        .collect()
}

fn insert(out: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        out.insert(key.into(), json!(v));
    }
}

fn postal_address(a: &Address) -> Value {
    // Content addresses are Belgian: the model says so and the postcode rule checks it.
    json!({
        "@type": "PostalAddress",
        "streetAddress": a.street,
        "postalCode": a.postcode,
        "addressLocality": a.city,
        "addressCountry": "BE",
    })
}

fn contact_point(c: &ContactPoint) -> Value {
    let mut out = Map::new();
    out.insert("@type".into(), json!("ContactPoint"));
    out.insert("name".into(), json!(c.name));
    insert(&mut out, "telephone", &c.phone);
    insert(&mut out, "faxNumber", &c.fax);
    insert(&mut out, "email", &c.email);
    insert(&mut out, "url", &c.website);
    let hours = opening_hours(c);
    if !hours.is_empty() {
        out.insert("hoursAvailable".into(), Value::Array(hours));
    }
    Value::Object(out)
}

fn opening_hours(c: &ContactPoint) -> Vec<Value> {
    c.opening_hours()
        .into_iter()
        .map(|h| {
            json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": format!("https://schema.org/{}", day(h.day)),
                "opens": time(h.opens),
                "closes": time(h.closes),
            })
        })
        .collect()
}

fn day(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// "09:00", as schema.org's `Time` (ISO 8601) wants it.
fn time(m: Minutes) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fixture;
    use koers_content::{OpeningPeriod, Page};

    /// Every real organisation: its JSON-LD says what its content says, and no more.
    #[test]
    fn every_organisation_is_described_from_its_content_only() {
        let index = crate::root().join("public/content/index.json");
        let index =
            koers_content::parse_index("index.json", &std::fs::read(index).unwrap()).unwrap();
        assert!(!index.organisations.is_empty());
        for entry in &index.organisations {
            let org = fixture(&entry.slug);
            let url = format!("/{}", org.slug);
            let data = organisation(&org, &url);
            let at = &org.slug;
            assert_eq!(data["@type"], "GovernmentOrganization", "{at}");
            assert_eq!(data["name"], org.name.as_str(), "{at}");
            assert_eq!(data["url"], url.as_str(), "{at}");
            assert_eq!(data["description"], org.description.as_str(), "{at}");
            match &org.enterprise_number {
                Some(n) => assert_eq!(
                    data["identifier"]["value"],
                    format_enterprise_number(n).unwrap().as_str(),
                    "{at}"
                ),
                None => assert!(data.get("identifier").is_none(), "{at}"),
            }
            let cards = contact_cards(&org);
            let points = data.get("contactPoint").and_then(Value::as_array);
            assert_eq!(points.map_or(0, Vec::len), cards.len(), "{at}");
            let main = cards.iter().find(|c| c.name == org.name);
            let field = |f: fn(&ContactPoint) -> &Option<String>| main.and_then(|c| f(c).clone());
            assert_eq!(
                data.get("telephone")
                    .and_then(Value::as_str)
                    .map(String::from),
                field(|c| &c.phone),
                "{at}"
            );
            assert_eq!(
                data.get("email").and_then(Value::as_str).map(String::from),
                field(|c| &c.email),
                "{at}"
            );
            match main.and_then(|c| c.address.as_ref()) {
                Some(a) => {
                    assert_eq!(data["address"]["streetAddress"], a.street.as_str());
                    assert_eq!(data["address"]["postalCode"], a.postcode.as_str());
                    assert_eq!(data["address"]["addressLocality"], a.city.as_str());
                }
                None => assert!(data.get("address").is_none(), "{at}"),
            }
            // Every text in it is the content's, or one of the fixed schema.org words.
            let content = serde_json::to_string(&org).unwrap();
            for text in strings(&data) {
                let fixed = text.starts_with("https://schema.org")
                    || ["PropertyValue", "ondernemingsnummer", "PostalAddress", "BE"]
                        .contains(&text.as_str())
                    || ["GovernmentOrganization", "ContactPoint"].contains(&text.as_str());
                let from_content = content.contains(&serde_json::to_string(&text).unwrap())
                    || Some(text.clone())
                        == org
                            .enterprise_number
                            .as_deref()
                            .and_then(format_enterprise_number)
                    || text == url;
                assert!(
                    fixed || from_content,
                    "{at}: \"{text}\" is not from the content"
                );
            }
        }
    }

    fn strings(v: &Value) -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().flat_map(strings).collect(),
            Value::Object(o) => o.values().flat_map(strings).collect(),
            _ => Vec::new(),
        }
    }

    /// A made-up organisation with every field: each lands where schema.org wants it.
    #[test]
    fn contact_cards_and_hours_become_contact_points_and_opening_hours() {
        let mut org = fixture("herenthout");
        org.slug = "voorbeeldgem".into();
        org.name = "Gemeente Voorbeeldgem".into();
        org.enterprise_number = Some("1234567894".into());
        let card = |name: &str, phone: Option<&str>| ContactPoint {
            name: name.into(),
            address: Some(Address {
                street: "Dorpsstraat 1".into(),
                postcode: "9999".into(),
                city: "Voorbeeldgem".into(),
            }),
            phone: phone.map(String::from),
            fax: None,
            email: Some("info@voorbeeldgem.example".into()),
            website: Some("https://voorbeeldgem.example".into()),
            hours: vec![OpeningPeriod {
                day: Weekday::Monday,
                opens: "9:00".into(),
                closes: "12:30".into(),
            }],
        };
        org.pages.contact = Some(Page {
            title: "Contact".into(),
            description: "Contact.".into(),
            blocks: vec![
                Block::Contact(card("Bibliotheek", Some("011 22 22 22"))),
                Block::Contact(card("Gemeente Voorbeeldgem", Some("011 11 11 11"))),
                Block::Contact(card("Onthaal", None)),
            ],
        });
        let data = organisation(&org, "https://koers.example/voorbeeldgem");
        assert_eq!(data["identifier"]["value"], "1234.567.894");
        // The organisation's own details are those of the card in its name, not the
        // first card's (a department's phone is not the municipality's).
        assert_eq!(data["telephone"], "011 11 11 11");
        assert_eq!(data["email"], "info@voorbeeldgem.example");
        assert_eq!(data["address"]["@type"], "PostalAddress");
        assert_eq!(data["address"]["postalCode"], "9999");
        assert_eq!(
            data["openingHoursSpecification"],
            json!([{
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": "https://schema.org/Monday",
                "opens": "09:00",
                "closes": "12:30",
            }])
        );
        let points = data["contactPoint"].as_array().unwrap();
        assert_eq!(points.len(), 3);
        assert_eq!(points[0]["name"], "Bibliotheek");
        assert_eq!(points[0]["telephone"], "011 22 22 22");
        assert_eq!(points[2]["name"], "Onthaal");
        assert!(points[2].get("telephone").is_none(), "nothing guessed");
        assert_eq!(points[1]["url"], "https://voorbeeldgem.example");
        assert_eq!(
            points[1]["hoursAvailable"],
            data["openingHoursSpecification"]
        );

        // Without a card in the organisation's name, the organisation has no details
        // of its own: each card stays a contact point of its own.
        org.pages.contact.as_mut().unwrap().blocks.remove(1);
        let data = organisation(&org, "https://koers.example/voorbeeldgem");
        for key in ["address", "telephone", "email", "openingHoursSpecification"] {
            assert!(data.get(key).is_none(), "{key}: not the organisation's");
        }
        assert_eq!(data["contactPoint"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn the_script_cannot_be_ended_by_its_content() {
        let html = script(&json!({ "description": "a </script><script>alert(1)" }));
        assert!(html.starts_with("<script type=\"application/ld+json\">"));
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert_eq!(html.matches('<').count(), 2, "{html}");
        let inner = &html["<script type=\"application/ld+json\">".len()..html.len() - 9];
        let back: Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back["description"], "a </script><script>alert(1)");
    }
}
