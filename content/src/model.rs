//! The typed content of an organisation: what an editor writes in `public/content/*.json`.
//!
//! Everything a resident reads is one of these types; the app never renders HTML from
//! content. Unknown fields are refused so that a typo in a field name is reported, not
//! silently ignored. Serde reads them with the editors' diagnosis (the feature
//! `diagnosis`); the residents' browser build reads them with `read.rs`.

use koers_content_derive::Content;
#[cfg(feature = "diagnosis")]
use serde::Deserialize;
use serde::Serialize;

use super::hours::{parse_time, OpeningHours, Weekday};

/// The list of organisations a build carries (`public/content/index.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContentIndex {
    pub organisations: Vec<IndexEntry>,
}

/// One line of the index: enough to list the organisation on the start page.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    /// Must equal the `slug` of `content/<slug>.json`.
    pub slug: String,
    /// Must equal the `name` in that file.
    pub name: String,
}

/// A local government (a municipality, an OCMW or one of its services).
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// URL part: lower-case letters, digits and hyphens; equals the file name.
    pub slug: String,
    /// Full name as residents know it, e.g. "OCMW Herentals".
    pub name: String,
    /// Short name for a home-screen icon (at most 12 characters shows in full).
    pub short_name: String,
    /// Accent colour as `#rrggbb`; needs 4.5:1 contrast with white.
    pub accent: String,
    /// One plain sentence about the organisation (search engines, the start page).
    pub description: String,
    /// The enterprise number (KBO), like "0208.038.769", when the source gives it;
    /// every page's footer shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_number: Option<String>,
    pub pages: Pages,
    /// What changed, newest first: dated notes for residents ("Laatst bijgewerkt", the
    /// "Wat is er veranderd" page, the feed). Left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// A dated note of what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The day of the change, as `2026-12-02`.
    pub date: String,
    /// What changed, in a sentence or two of plain text.
    pub note: String,
    /// The pages it concerns; left out when it concerns them all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageKind>,
}

impl Change {
    /// Whether the note concerns page `kind`.
    pub fn concerns(&self, kind: PageKind) -> bool {
        self.pages.is_empty() || self.pages.contains(&kind)
    }
}

/// The four pages; a page an organisation has nothing for is left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pages {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missie: Option<Page>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visie: Option<Page>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambities: Option<Page>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Page>,
}

/// One page: a title, a description for search engines, and its blocks in order.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    pub description: String,
    pub blocks: Vec<Block>,
}

/// A piece of a page. `type` in JSON names the variant (`"paragraph"`, `"list"`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
// `Block::TYPES` (derived) lists the `type`s; `BlockKind` is the variant without its
// fields (`BlockKind::VARIANTS`, `BlockKind::from(&block)`).
#[derive(strum::EnumDiscriminants)]
#[strum_discriminants(name(BlockKind), derive(strum::VariantArray))]
pub enum Block {
    /// A sub-heading within the page.
    Heading { text: String },
    /// A paragraph of plain text.
    Paragraph { text: String },
    /// A bulleted list.
    List { items: Vec<String> },
    /// A quotation with where it comes from.
    Quote { text: String, source: String },
    /// Terms with their explanation (a description list).
    Definitions { items: Vec<Definition> },
    /// A theme with the ambitions that belong to it.
    Theme {
        title: String,
        ambitions: Vec<String>,
    },
    /// How to reach a service.
    Contact(ContactPoint),
    /// A link to another page or site (`https:`, `http:`, `tel:` or `mailto:`).
    Link { label: String, href: String },
}

/// A term and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub term: String,
    pub description: String,
}

/// A place residents can reach; every field but the name is optional, and what the
/// source does not say is left out rather than guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactPoint {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// When it is open, only where the source says so; days not listed are closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<OpeningPeriod>,
}

impl ContactPoint {
    /// The valid periods of `hours`, for the "nu open / nu gesloten" status.
    pub fn opening_hours(&self) -> Vec<OpeningHours> {
        self.hours
            .iter()
            .filter_map(OpeningPeriod::to_hours)
            .collect()
    }
}

/// One opening period: `{ "day": "maandag", "opens": "09:00", "closes": "12:00" }`. A
/// `closes` before `opens` runs past midnight; two periods on one day (a lunch break)
/// are two entries.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningPeriod {
    pub day: Weekday,
    /// "09:00"; "24:00" is midnight at the end of the day.
    pub opens: String,
    pub closes: String,
}

impl OpeningPeriod {
    /// `None` when a time does not read (validation reports it).
    pub fn to_hours(&self) -> Option<OpeningHours> {
        Some(OpeningHours {
            day: self.day,
            opens: parse_time(&self.opens)?,
            closes: parse_time(&self.closes)?,
        })
    }
}

/// A postal address in Belgium.
#[derive(Debug, Clone, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub city: String,
}

/// The four pages, in the order residents see them. In JSON by their [`PageKind::slug`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Missie,
    Visie,
    Ambities,
    Contact,
}

impl PageKind {
    pub const ALL: [PageKind; 4] = [
        PageKind::Missie,
        PageKind::Visie,
        PageKind::Ambities,
        PageKind::Contact,
    ];

    /// The URL segment and JSON key.
    pub fn slug(self) -> &'static str {
        match self {
            PageKind::Missie => "missie",
            PageKind::Visie => "visie",
            PageKind::Ambities => "ambities",
            PageKind::Contact => "contact",
        }
    }

    /// The navigation label.
    pub fn label(self) -> &'static str {
        match self {
            PageKind::Missie => "Missie",
            PageKind::Visie => "Visie",
            PageKind::Ambities => "Ambities",
            PageKind::Contact => "Contact",
        }
    }

    pub fn from_slug(slug: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

impl Pages {
    pub fn get(&self, kind: PageKind) -> Option<&Page> {
        match kind {
            PageKind::Missie => self.missie.as_ref(),
            PageKind::Visie => self.visie.as_ref(),
            PageKind::Ambities => self.ambities.as_ref(),
            PageKind::Contact => self.contact.as_ref(),
        }
    }

    /// The pages this organisation has, in navigation order.
    pub fn present(&self) -> Vec<(PageKind, &Page)> {
        PageKind::ALL
            .into_iter()
            .filter_map(|k| self.get(k).map(|p| (k, p)))
            .collect()
    }
}

impl Organisation {
    /// The page `/:org` opens with: the mission, or else the first page it has.
    pub fn start_page(&self) -> Option<(PageKind, &Page)> {
        self.pages.present().into_iter().next()
    }

    /// The newest note that concerns page `kind` (notes are newest first).
    pub fn last_change(&self, kind: PageKind) -> Option<&Change> {
        self.changes.iter().find(|c| c.concerns(kind))
    }
}

/// Content embedded in a pre-rendered page (`<script type="application/json"
/// id="koers-data">`), so the app starts with what the page already shows: an
/// organisation's pages carry that organisation, the pages that list every
/// organisation carry the index. Nothing in a page grows with the organisations it
/// does not show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Content)]
#[cfg_attr(feature = "diagnosis", derive(Deserialize))]
pub struct Embedded {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<ContentIndex>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
}
