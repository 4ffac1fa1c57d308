//! The clipboard's HTML read into units, from a small tree of our own: the browser
//! fills it from `DOMParser` (which runs no script), the tests from an HTML parser,
//! so what is kept and what is dropped is plain Rust.
//!
//! Kept: headings, paragraphs (lines at `br`), lists, quotations, term lists,
//! addresses and a paragraph that is only a link. Dropped, and said: scripts, styles,
//! images, media, forms, navigation, breadcrumbs, cookie banners, the website's header
//! and footer (when the page marks its main content), inline formatting. Hidden
//! elements are left out silently.

use super::{Dropped, Unit};
use crate::letters::lowercase;

/// An element: its lower-case name, the attributes of [`KEPT_ATTRIBUTES`] it has, and
/// its children.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child: an element or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// The attributes the reading looks at; whoever fills the tree may leave out the rest.
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "role",
    "aria-label",
    "aria-hidden",
    "hidden",
    "href",
    "style",
];

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first element, this one or below, named `name` or with role `role`.
    fn find(&self, name: &str, role: &str) -> Option<&Element> {
        if self.name == name || self.attribute("role") == Some(role) {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name, role))
    }

    /// Whether the class, id or label contains any of `words`.
    fn marked(&self, words: &[&str]) -> bool {
        ["class", "id", "aria-label"].iter().any(|a| {
            self.attribute(a)
                .map(lowercase)
                .is_some_and(|v| words.iter().any(|w| v.contains(w)))
        })
    }

    /// All its text, inline, with whitespace collapsed.
    fn text(&self) -> String {
        let mut out = String::new();
        self.text_into(&mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn text_into(&self, out: &mut String) {
        if hidden(self) || SKIPPED.contains(&self.name.as_str()) {
            return;
        }
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name == "br" => out.push(' '),
                Node::Element(e) => {
                    e.text_into(out);
                    if BLOCKS.contains(&e.name.as_str()) {
                        out.push(' ');
                    }
                }
            }
        }
    }
}

/// Elements whose content is never text of the page.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "img", "picture", "svg", "video", "audio", "iframe",
    "object", "embed", "canvas", "form", "button", "input", "select", "textarea", "title", "meta",
    "link",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "address",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "body",
    "html",
    "nav",
    "pre",
    "hr",
];

/// Inline elements that only format.
const FORMATTING: &[&str] = &[
    "b", "strong", "i", "em", "u", "font", "mark", "big", "small", "s",
];

fn hidden(e: &Element) -> bool {
    e.attribute("hidden").is_some() || e.attribute("aria-hidden") == Some("true")
}

/// The units of the document `root`, and what was dropped. When the page marks its
/// main content (`main`, `role="main"`), only that is read; the rest is looked through
/// for what to tell the editor.
pub fn units(root: &Element) -> (Vec<Unit>, Vec<Dropped>) {
    let mut reader = Reader::default();
    match root.find("main", "main") {
        Some(main) => {
            let mut outside = Reader {
                skip_main: true,
                ..Reader::default()
            };
            outside.element(root);
            reader.dropped = outside.dropped;
            if outside.units.iter().any(|u| !matches!(u, Unit::Break)) {
                reader.dropped.push(Dropped::SiteHeaderFooter);
            }
            reader.element(main);
        }
        None => reader.element(root),
    }
    reader.flush();
    // Each once, in the order met, but images and media counted.
    let mut dropped: Vec<Dropped> = Vec::new();
    for d in reader.dropped {
        if matches!(d, Dropped::Image | Dropped::Media) || !dropped.contains(&d) {
            dropped.push(d);
        }
    }
    (reader.units, dropped)
}

#[derive(Default)]
struct Reader {
    units: Vec<Unit>,
    dropped: Vec<Dropped>,
    /// The inline text of the line being read.
    line: String,
    /// Reading what is outside `main`: only to tell what was dropped.
    skip_main: bool,
}

impl Reader {
    /// Ends the line being read.
    fn flush(&mut self) {
        let line = self.line.split_whitespace().collect::<Vec<_>>().join(" ");
        self.line.clear();
        if !line.is_empty() {
            self.units.push(Unit::Line(line));
        }
    }

    fn block_end(&mut self) {
        self.flush();
        self.units.push(Unit::Break);
    }

    /// Whether `e` is dropped whole, said in `dropped` when it is worth telling.
    fn drops(&mut self, e: &Element) -> bool {
        let name = e.name.as_str();
        let told = if hidden(e) {
            None
        } else if e.marked(&["cookie", "consent", "gdpr"]) {
            Some(Dropped::CookieBanner)
        } else if e.marked(&["breadcrumb", "kruimel"]) {
            Some(Dropped::Breadcrumbs)
        } else if name == "nav" || e.attribute("role") == Some("navigation") {
            Some(Dropped::Navigation)
        } else if matches!(e.attribute("role"), Some("banner" | "contentinfo"))
            || (matches!(name, "header" | "footer")
                && (e.find("nav", "navigation").is_some()
                    || e.marked(&["site", "page-header", "page-footer", "masthead"])))
        {
            Some(Dropped::SiteHeaderFooter)
        } else {
            match name {
                "script" | "noscript" => Some(Dropped::Scripts),
                "style" | "link" => Some(Dropped::Formatting),
                "img" | "picture" => Some(Dropped::Image),
                "video" | "audio" | "iframe" | "object" | "embed" => Some(Dropped::Media),
                "form" | "button" | "input" | "select" | "textarea" => Some(Dropped::Form),
                _ if SKIPPED.contains(&name) => None,
                _ => return false,
            }
        };
        if told == Some(Dropped::SiteHeaderFooter) {
            // What the header or footer held is told too (its menu, its images …).
            let mut inside = Reader {
                skip_main: true,
                ..Reader::default()
            };
            inside.children(e);
            self.dropped.extend(inside.dropped);
        } else if told.is_some() && told != Some(Dropped::Image) {
            // Images inside what is dropped are counted too.
            count_images(e, &mut self.dropped);
        }
        self.dropped.extend(told);
        true
    }

    fn element(&mut self, e: &Element) {
        if self.drops(e) {
            return;
        }
        if self.skip_main && (e.name == "main" || e.attribute("role") == Some("main")) {
            return;
        }
        if FORMATTING.contains(&e.name.as_str()) || e.attribute("style").is_some() {
            self.dropped.push(Dropped::Formatting);
        }
        match e.name.as_str() {
            "br" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = e.text();
                if !text.is_empty() {
                    self.units.push(Unit::Heading(text));
                }
            }
            "ul" | "ol" => {
                self.block_end();
                self.items(e);
                self.units.push(Unit::Break);
            }
            "dl" => {
                self.block_end();
                self.terms(e);
                self.units.push(Unit::Break);
            }
            "blockquote" => {
                self.block_end();
                let source = e
                    .elements()
                    .find(|c| c.name == "footer" || c.name == "cite")
                    .map(Element::text);
                let text: Vec<String> = e
                    .elements()
                    .filter(|c| c.name != "footer" && c.name != "cite")
                    .map(Element::text)
                    .chain(e.children.iter().filter_map(|c| match c {
                        Node::Text(t) => Some(t.clone()),
                        Node::Element(_) => None,
                    }))
                    .filter(|t| !t.trim().is_empty())
                    .collect();
                let text = text.join(" ");
                let text = text.trim().trim_matches(['“', '”', '"', '„']).trim();
                if !text.is_empty() {
                    self.units.push(Unit::Quote {
                        text: text.to_string(),
                        source: source
                            .map(|s| s.trim_start_matches(['—', '–', '-', ' ']).to_string()),
                    });
                }
                self.units.push(Unit::Break);
            }
            "p" if only_link(e).is_some() => {
                self.block_end();
                if let Some((label, href)) = only_link(e) {
                    self.units.push(Unit::Link { label, href });
                }
                self.units.push(Unit::Break);
            }
            "a" if super::is_site_tool(&e.text()) => {
                self.dropped.push(Dropped::SiteTool(e.text()));
            }
            "a" => {
                self.children(e);
                // An e-mail link whose words are not the address: keep the address.
                if let Some(address) = e.attribute("href").and_then(|h| h.strip_prefix("mailto:")) {
                    if !e.text().contains('@') {
                        self.line.push_str(": ");
                        self.line
                            .push_str(address.split('?').next().unwrap_or_default());
                    }
                }
            }
            name if BLOCKS.contains(&name) => {
                self.block_end();
                self.children(e);
                self.block_end();
            }
            _ => self.children(e),
        }
    }

    fn children(&mut self, e: &Element) {
        for child in &e.children {
            match child {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(c) => self.element(c),
            }
        }
    }

    /// The items of a list; a list inside an item gives items of its own, after it.
    fn items(&mut self, list: &Element) {
        for li in list.elements().filter(|c| c.name == "li") {
            if self.drops(li) {
                continue;
            }
            let own = Element {
                children: li
                    .children
                    .iter()
                    .filter(|c| !matches!(c, Node::Element(e) if e.name == "ul" || e.name == "ol"))
                    .cloned()
                    .collect(),
                ..li.clone()
            };
            if own
                .elements()
                .any(|e| FORMATTING.contains(&e.name.as_str()))
            {
                self.dropped.push(Dropped::Formatting);
            }
            let text = own.text();
            if !text.is_empty() {
                self.units.push(Unit::Item(text));
            }
            for nested in li.elements().filter(|e| e.name == "ul" || e.name == "ol") {
                self.items(nested);
            }
        }
    }

    /// The terms of a term list: each `dt` with the `dd`s after it.
    fn terms(&mut self, dl: &Element) {
        let mut term: Option<String> = None;
        let mut descriptions: Vec<String> = Vec::new();
        let mut push = |term: &mut Option<String>, descriptions: &mut Vec<String>| {
            if let Some(t) = term.take() {
                self.units.push(Unit::Term {
                    term: t,
                    description: descriptions.join("; "),
                });
            }
            descriptions.clear();
        };
        // A `div` may wrap each pair.
        let pairs: Vec<&Element> = dl
            .elements()
            .flat_map(|e| {
                if e.name == "div" {
                    e.elements().collect::<Vec<_>>()
                } else {
                    vec![e]
                }
            })
            .collect();
        for e in pairs {
            match e.name.as_str() {
                "dt" => {
                    push(&mut term, &mut descriptions);
                    term = Some(e.text());
                }
                "dd" => descriptions.push(e.text()),
                _ => {}
            }
        }
        push(&mut term, &mut descriptions);
    }
}

/// The words and address of a paragraph that is a link and nothing else.
fn only_link(p: &Element) -> Option<(String, String)> {
    let mut elements = p.elements();
    let a = elements.next()?;
    let alone = elements.next().is_none()
        && p.children
            .iter()
            .all(|c| !matches!(c, Node::Text(t) if !t.trim().is_empty()));
    let href = a.attribute("href")?;
    let scheme_ok = ["https:", "http:", "tel:", "mailto:"]
        .iter()
        .any(|s| href.starts_with(s));
    let label = a.text();
    (alone && a.name == "a" && scheme_ok && !label.is_empty()).then(|| (label, href.to_string()))
}

fn count_images(e: &Element, dropped: &mut Vec<Dropped>) {
    for c in e.elements() {
        if c.name == "img" {
            dropped.push(Dropped::Image);
        } else {
            count_images(c, dropped);
        }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::paste::{from_html, Dropped, Pasted};
    use koers_content::PageKind;
    use koers_content::{Address, Block, ContactPoint, Definition};

    /// `html` read by an HTML parser (as a browser parses it) into the tree.
    pub fn tree(html: &str) -> Element {
        let document = scraper::Html::parse_document(html);
        element(document.root_element())
    }

    fn element(e: scraper::ElementRef) -> Element {
        let value = e.value();
        Element {
            name: value.name().to_lowercase(),
            attributes: value
                .attrs()
                .filter(|(n, _)| KEPT_ATTRIBUTES.contains(n))
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            children: e
                .children()
                .filter_map(|child| match child.value() {
                    scraper::Node::Text(t) => Some(Node::Text(t.to_string())),
                    scraper::Node::Element(_) => {
                        scraper::ElementRef::wrap(child).map(|c| Node::Element(element(c)))
                    }
                    _ => None,
                })
                .collect(),
        }
    }

    /// A made-up municipality's page as a CMS serves it: everything around the content.
    const FICTIONAL_PAGE: &str = r##"<!doctype html>
<html lang="nl"><head><title>Missie | Gemeente Verzonnegem</title>
<style>body { font-family: Comic Sans MS; }</style>
<script>window.dataLayer = [];</script>
<link rel="stylesheet" href="/style.css"></head>
<body>
<div id="cookie-banner" class="cookies"><p>Deze website gebruikt cookies.</p><button>Alles aanvaarden</button></div>
<header class="site-header"><a href="/"><img src="logo.png" alt="Gemeente Verzonnegem"></a>
<nav aria-label="Hoofdmenu"><ul><li><a href="/wonen">Wonen</a></li><li><a href="/vrije-tijd">Vrije tijd</a></li></ul></nav>
<form role="search"><input name="q"><button>Zoeken</button></form></header>
<main id="inhoud">
<ol class="breadcrumb"><li><a href="/">Home</a></li><li>Missie</li></ol>
<div class="tools"><a href="?print=1">Printvriendelijke versie</a> <a href="/missie.pdf">PDF</a></div>
<h1>Missie</h1>
<p style="color: #c00">Gemeente <strong>Verzonnegem</strong> is er voor <em>alle</em> inwoners.<script>track()</script></p>
<img src="foto.jpg" alt="Het gemeentehuis"><figure><img src="kaart.png" alt=""><figcaption></figcaption></figure>
<h2>Wat we beloven</h2>
<ul><li>We <b>luisteren</b>.</li><li>We helpen snel.<ul><li>Ook 's avonds.</li></ul></li></ul>
<blockquote><p>“Een gemeente is haar inwoners.”</p><footer>— Verzonnen burgemeester</footer></blockquote>
<dl><dt>Inwoners</dt><dd>ongeveer 1.000</dd><dt>Deelgemeenten</dt><dd>2</dd></dl>
<address>Gemeentehuis Verzonnegem<br>Dorpsplein 1<br>9999 Verzonnegem<br>
tel. 099 99 99 99<br><a href="mailto:info@verzonnegem.example">e-mail</a></address>
<p><a href="https://verzonnegem.example/jaarverslag">Lees het jaarverslag</a></p>
<p hidden>Verborgen tekst</p>
<p><a href="#top">Naar top</a></p>
</main>
<footer class="site-footer"><p>© Gemeente Verzonnegem</p><a href="/privacy">Privacy</a></footer>
<script src="/analytics.js"></script>
</body></html>"##;

    #[test]
    fn a_municipal_page_gives_only_its_content() {
        let pasted = from_html(&tree(FICTIONAL_PAGE), PageKind::Missie, "Missie");
        assert_eq!(
            pasted.blocks,
            [
                Block::Paragraph {
                    text: "Gemeente Verzonnegem is er voor alle inwoners.".into()
                },
                Block::Heading {
                    text: "Wat we beloven".into()
                },
                Block::List {
                    items: vec![
                        "We luisteren.".into(),
                        "We helpen snel.".into(),
                        "Ook 's avonds.".into()
                    ]
                },
                Block::Quote {
                    text: "Een gemeente is haar inwoners.".into(),
                    source: "Verzonnen burgemeester".into()
                },
                Block::Definitions {
                    items: vec![
                        Definition {
                            term: "Inwoners".into(),
                            description: "ongeveer 1.000".into()
                        },
                        Definition {
                            term: "Deelgemeenten".into(),
                            description: "2".into()
                        },
                    ]
                },
                Block::Contact(ContactPoint {
                    name: "Gemeentehuis Verzonnegem".into(),
                    address: Some(Address {
                        street: "Dorpsplein 1".into(),
                        postcode: "9999".into(),
                        city: "Verzonnegem".into()
                    }),
                    phone: Some("099 99 99 99".into()),
                    fax: None,
                    email: Some("info@verzonnegem.example".into()),
                    website: None,
                    hours: vec![],
                }),
                Block::Link {
                    label: "Lees het jaarverslag".into(),
                    href: "https://verzonnegem.example/jaarverslag".into()
                },
            ]
        );
        assert_eq!(
            pasted.told(),
            [
                "de titel ‘Missie’: die staat al boven de pagina",
                "navigatie",
                "kruimelpad",
                "cookiemelding",
                "kop en voet van de website",
                "scripts",
                "opmaak (vet, cursief, kleuren): blokken zijn gewone tekst",
                "3 afbeeldingen",
                "formulier",
                "knoppen en links van de website: ‘Printvriendelijke versie’, ‘PDF’, ‘Naar top’",
            ]
        );
    }

    #[test]
    fn without_main_content_the_site_s_header_and_footer_go() {
        let html = r#"<body><header role="banner"><p>Gemeente Verzonnegem</p></header>
            <article><header><h1>Missie</h1></header><p>Wij zijn er voor u.</p></article>
            <footer class="site-footer"><p>Dorpsplein 1, 9999 Verzonnegem</p></footer></body>"#;
        let pasted = from_html(&tree(html), PageKind::Missie, "Missie");
        assert_eq!(
            pasted.blocks,
            [Block::Paragraph {
                text: "Wij zijn er voor u.".into()
            }]
        );
        assert!(pasted.dropped.contains(&Dropped::SiteHeaderFooter));
    }

    #[test]
    fn word_s_bulleted_paragraphs_are_a_list() {
        let html = "<p class=MsoNormal>Wat we doen:</p>\
            <p class=MsoListParagraph><span style='font-family:Symbol'>·<span>&nbsp;&nbsp;&nbsp;</span></span>Luisteren</p>\
            <p class=MsoListParagraph><span style='font-family:Symbol'>·<span>&nbsp;&nbsp;&nbsp;</span></span>Helpen<o:p></o:p></p>";
        let Pasted { blocks, .. } = from_html(&tree(html), PageKind::Missie, "");
        assert_eq!(
            blocks,
            [
                Block::Paragraph {
                    text: "Wat we doen:".into()
                },
                Block::List {
                    items: vec!["Luisteren".into(), "Helpen".into()]
                },
            ]
        );
    }

    #[test]
    fn nothing_pasted_is_kept_as_html() {
        let html =
            "<p>Een &lt;b&gt;echte&lt;/b&gt; tekst <span onclick=\"x()\">met</span> code</p>";
        let Pasted { blocks, .. } = from_html(&tree(html), PageKind::Missie, "");
        assert_eq!(
            blocks,
            [Block::Paragraph {
                text: "Een <b>echte</b> tekst met code".into()
            }]
        );
    }
}
