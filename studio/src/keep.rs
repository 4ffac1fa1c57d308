//! Keeping the work on the device, without a browser: which draft a tab is on, the
//! keys it is kept under, what a start brings back, and what the studio says about it.
//!
//! Every organisation's draft has a key of its own (`koers-redactie:<id>` in
//! `localStorage`), so two tabs on two organisations never overwrite each other. A
//! tab names its draft in `sessionStorage` (which survives a reload, per tab), and
//! holds a Web Lock of the same name while it edits it: a second tab on the same
//! organisation is refused the lock and says so.

use koers_content::Organisation;

/// The one key every tab used before drafts were kept per organisation: read once,
/// moved to its organisation's key.
pub const LEGACY_KEY: &str = "koers-redactie";

/// In `sessionStorage`: the id of the draft this tab is on.
pub const TAB_KEY: &str = "koers-redactie-tabblad";

/// In `localStorage`: the id of the draft kept last, which a new tab brings back.
pub const LAST_KEY: &str = "koers-redactie-laatste";

/// The key (and the Web Lock's name) of the draft `id`.
pub fn key(id: &str) -> String {
    format!("{LEGACY_KEY}:{id}")
}

/// The key of the coach's tips dismissed in draft `id` (their keys, a JSON list): kept
/// beside the draft, so that a reload does not bring them back.
pub fn dismissed_key(id: &str) -> String {
    format!("{LEGACY_KEY}-negeer:{id}")
}

/// The dismissed tips' keys as kept (`None`, or anything unreadable: none).
pub fn read_dismissed(kept: Option<&str>) -> Vec<String> {
    kept.and_then(|k| serde_json::from_str(k).ok())
        .unwrap_or_default()
}

/// The dismissed tips' keys, to keep.
pub fn write_dismissed(keys: &[String]) -> String {
    serde_json::to_string(keys).unwrap_or_else(|_| "[]".into())
}

/// The draft id of `org` as it was opened: its slug when it is one (the same
/// organisation, opened twice, is the same draft), else a new id made from `now` (a
/// new organisation, or a file whose slug is not one), unique on this device.
pub fn id_for(org: &Organisation, now: u64) -> String {
    let slug = &org.slug;
    let usable = !slug.is_empty()
        && slug.len() <= 80
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if usable {
        slug.clone()
    } else {
        new_id(now)
    }
}

/// The key of the editor's own version of organisation `slug`, kept aside when they
/// continued from someone else's newer version on the server (a conflict): nothing of
/// theirs is lost, on a reload neither. No draft's key: a slug has no `:`.
pub fn own_version_key(slug: &str) -> String {
    format!("{LEGACY_KEY}:eigen:{slug}")
}

/// A new draft's id, unique on this device (`now` in milliseconds). It starts with
/// `_`, which no slug has: no organisation's draft shares it.
pub fn new_id(now: u64) -> String {
    format!("_nieuw-{now}")
}

/// Whether `id` is a new draft's (no other tab can be on it).
pub fn is_new(id: &str) -> bool {
    id.starts_with("_nieuw-")
}

/// What is kept on the device for one draft.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    pub organisation: Organisation,
    /// Changed since the last download (or publish).
    pub unsaved: bool,
    /// On a Koers server: the version the draft was opened from (its base when it is
    /// published); none for a draft of a file, a new organisation or a static build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

impl Saved {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the draft serialises")
    }

    pub fn from_json(text: &str) -> Option<Saved> {
        serde_json::from_str(text).ok()
    }
}

/// Which draft a tab starting up is on: its own after a reload (`tab`, from
/// `sessionStorage`), else the one kept last on the device (`last`), else none.
pub fn draft_to_restore(tab: Option<String>, last: Option<String>) -> Option<Start> {
    match (tab, last) {
        (Some(id), _) => Some(Start { id, own: true }),
        (None, Some(id)) => Some(Start { id, own: false }),
        (None, None) => None,
    }
}

/// The draft a starting tab goes back to.
#[derive(Debug, PartialEq)]
pub struct Start {
    pub id: String,
    /// This tab's own draft (a reload), not the device's last.
    pub own: bool,
}

/// What a start brings back of draft `start`, kept as `text`.
#[derive(Debug, PartialEq)]
pub enum Restored {
    /// The draft, as it was last kept.
    Draft(Box<Saved>),
    /// The tab's own draft is not on the device: its last changes could not be kept
    /// (the studio said so then), so nothing older is presented as the work.
    Lost,
    /// Nothing to bring back: start from nothing.
    Nothing,
}

pub fn restore(start: &Start, text: Option<&str>) -> Restored {
    match text.and_then(Saved::from_json) {
        Some(saved) => Restored::Draft(Box::new(saved)),
        None if start.own => Restored::Lost,
        None => Restored::Nothing,
    }
}

/// Whether the work is kept on the device right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Not yet known: the tab waits for its draft's lock, and keeps nothing until then.
    Waiting,
    /// Every change is kept.
    Kept,
    /// The last change could not be kept (storage full, off or forbidden).
    Failed,
}

/// The intro's sentence about keeping, as it is.
pub fn intro(keeping: Keeping) -> &'static str {
    match keeping {
        Keeping::Waiting => "",
        Keeping::Kept => "Je werk blijft bewaard op dit toestel, ook als je de pagina sluit. ",
        Keeping::Failed => {
            "Let op: je werk wordt nu niet bewaard op dit toestel. Download het, zodat je niets verliest. "
        }
    }
}

/// What the status says when a start brings the tab's draft back.
pub const RESTORED: &str = "Je werk van de vorige keer is teruggezet.";

/// What the status says when the tab's draft could not be kept.
pub const LOST: &str = "Je laatste werk kon niet bewaard worden op dit toestel.";

/// What the status says when keeping stops working.
pub const FAILED: &str =
    "Je werk wordt niet bewaard: de opslag van je browser is vol of staat uit. \
    Download je werk nu, zodat je niets verliest.";

/// What the status says when keeping works again.
pub const KEPT_AGAIN: &str = "Je werk wordt weer bewaard op dit toestel.";

/// What the status says when a tab would open a draft another tab is editing.
pub fn elsewhere(name: &str) -> String {
    format!(
        "{name} is al open in een ander tabblad of venster. Werk daar verder, of sluit het daar \
         en open het hier opnieuw."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft;

    #[test]
    fn dismissed_tips_are_kept_per_draft_and_read_back() {
        let keys = vec![
            "lang:De gemeente \"x\"".to_string(),
            "afkorting:OCMW".to_string(),
        ];
        assert_eq!(read_dismissed(Some(&write_dismissed(&keys))), keys);
        assert_eq!(read_dismissed(None), Vec::<String>::new());
        assert_eq!(read_dismissed(Some("kapot")), Vec::<String>::new());
        assert_eq!(
            dismissed_key("herentals"),
            "koers-redactie-negeer:herentals"
        );
        assert_ne!(dismissed_key("herentals"), key("herentals"));
    }

    fn named(slug: &str) -> Organisation {
        Organisation {
            slug: slug.into(),
            ..draft::empty()
        }
    }

    #[test]
    fn an_organisation_is_kept_under_its_slug_and_a_new_one_under_a_new_id() {
        assert_eq!(id_for(&named("herentals"), 7), "herentals");
        assert_eq!(
            key(&id_for(&named("herentals"), 7)),
            "koers-redactie:herentals"
        );
        assert_eq!(id_for(&named("heusden-zolder"), 7), "heusden-zolder");
        // Two organisations never share a key.
        assert_ne!(key("herentals"), key("herenthout"));
        // No slug, or a slug that is none: a new id, not the legacy key's.
        for slug in [
            "",
            "Herentals",
            "a/b",
            "x y",
            "../herentals",
            &"a".repeat(81),
        ] {
            assert_eq!(id_for(&named(slug), 1700), "_nieuw-1700", "{slug:?}");
            assert!(is_new(&id_for(&named(slug), 1700)));
        }
        // A slug that looks like a new id is still the organisation's.
        assert!(!is_new(&id_for(&named("nieuw-1700"), 1700)));
        assert!(!is_new("herentals"));
        assert_ne!(key(&new_id(1)), LEGACY_KEY);
        assert_ne!(key(&new_id(1)), key(&new_id(2)));
        // The own version kept aside after a conflict is no draft's.
        assert_ne!(own_version_key("herentals"), key("herentals"));
        assert_ne!(
            own_version_key("herentals"),
            key(&id_for(&named("eigen"), 7))
        );
    }

    #[test]
    fn a_reload_brings_back_the_tabs_own_draft_and_a_new_tab_the_last() {
        let own = draft_to_restore(Some("herenthout".into()), Some("herentals".into()));
        assert_eq!(
            own,
            Some(Start {
                id: "herenthout".into(),
                own: true
            })
        );
        let new_tab = draft_to_restore(None, Some("herentals".into()));
        assert_eq!(
            new_tab,
            Some(Start {
                id: "herentals".into(),
                own: false
            })
        );
        assert_eq!(draft_to_restore(None, None), None);
    }

    #[test]
    fn a_draft_that_could_not_be_kept_is_said_lost_and_nothing_older_comes_back() {
        let saved = Saved {
            organisation: named("herentals"),
            unsaved: true,
            base: None,
        };
        let text = saved.to_json();
        let own = Start {
            id: "herentals".into(),
            own: true,
        };
        assert_eq!(restore(&own, Some(&text)), Restored::Draft(Box::new(saved)));
        assert_eq!(restore(&own, None), Restored::Lost);
        assert_eq!(restore(&own, Some("{ kapot")), Restored::Lost);
        let last = Start {
            id: "herentals".into(),
            own: false,
        };
        assert_eq!(restore(&last, None), Restored::Nothing);
    }

    #[test]
    fn a_draft_keeps_the_version_it_was_opened_from_and_older_drafts_still_read() {
        let saved = Saved {
            organisation: named("proefdorp"),
            unsaved: true,
            base: Some("0123abcd".into()),
        };
        assert_eq!(Saved::from_json(&saved.to_json()), Some(saved));
        let before = Saved {
            organisation: named("proefdorp"),
            unsaved: false,
            base: None,
        };
        let text = before.to_json();
        assert!(
            !text.contains("base"),
            "a static draft is kept as before: {text}"
        );
        assert_eq!(Saved::from_json(&text), Some(before));
    }

    #[test]
    fn the_intro_claims_kept_only_when_it_is() {
        assert!(intro(Keeping::Kept).contains("blijft bewaard"));
        for state in [Keeping::Waiting, Keeping::Failed] {
            assert!(!intro(state).contains("blijft bewaard"), "{state:?}");
        }
        assert!(intro(Keeping::Failed).contains("niet bewaard"));
        assert!(FAILED.contains("niet bewaard") && FAILED.contains("Download"));
    }
}
