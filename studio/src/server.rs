//! The Koers server's HTTP API as the studio uses it (`<base>api/`, JSON): what it
//! answers, read into types, and each answer's status sorted into what the studio does
//! with it. The requests themselves go through the browser (`gloo-net`); natively
//! every request answers "no network", and the reading is tested.

use koers_content::Problem;
use serde::{Deserialize, Serialize};

/// An editor's session (`GET api/sessie`, and the end of signing in or registering).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Session {
    pub naam: String,
    pub id: String,
    pub organisaties: Vec<OrgRef>,
    pub csrf: String,
}

/// An organisation the editor publishes for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrgRef {
    pub slug: String,
    pub naam: String,
    /// A second editor approves each publish (four eyes).
    #[serde(rename = "vierOgen", default)]
    pub vier_ogen: bool,
}

/// A version of an organisation: its commit and its content file's text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Version {
    pub versie: String,
    pub inhoud: String,
}

/// One publish in an organisation's history.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    pub versie: String,
    pub auteur: String,
    /// RFC 3339.
    pub wanneer: String,
    pub notitie: String,
}

/// A publish waiting for a second editor.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Proposal {
    pub id: String,
    pub auteur: String,
    #[serde(rename = "auteurId")]
    pub auteur_id: String,
    pub wanneer: String,
    pub notitie: String,
    pub basis: String,
    pub inhoud: String,
    #[serde(default)]
    pub teruggestuurd: Option<Returned>,
}

/// A proposal sent back to its author, with a remark.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Returned {
    pub door: String,
    pub opmerking: String,
    pub wanneer: String,
}

/// Someone else published since the editor's base (409).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Conflict {
    #[serde(default)]
    pub melding: String,
    pub versie: String,
    pub inhoud: String,
    #[serde(default)]
    pub sindsdien: Vec<Entry>,
}

/// A problem of the content as the server's checks report it (422).
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ProblemJson {
    #[serde(default)]
    file: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    column: usize,
    #[serde(default)]
    path: String,
    message: String,
}

/// What a publish (or a rollback, or an approval) came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    /// Live: the new version.
    Live(String),
    /// Waiting for a second editor: the proposal's id.
    Proposed(String),
}

/// Why a request did not do what was asked, as the studio tells the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No answer (offline, the server down): nothing happened, nothing is lost.
    Network,
    /// No session (any more): sign in again.
    SignedOut,
    /// Someone else published since the base.
    Conflict(Box<Conflict>),
    /// The checks refused the content: their problems, at their fields.
    Invalid(Vec<Problem>),
    /// Any other refusal, with the server's Dutch sentence.
    Refused { status: u16, melding: String },
}

impl Failure {
    /// What the editor reads (the conflict and the problems are shown apart).
    pub fn message(&self) -> String {
        match self {
            Failure::Network => "De server is niet bereikbaar. Je werk blijft bewaard op dit \
                                 toestel. Kijk je verbinding na en probeer het opnieuw."
                .into(),
            Failure::SignedOut => "Je bent afgemeld. Meld je opnieuw aan met je passkey: je werk \
                                   blijft bewaard."
                .into(),
            Failure::Conflict(_) => "Iemand anders publiceerde intussen.".into(),
            Failure::Invalid(problems) => match problems.len() {
                1 => "De server nam het niet aan: er is nog 1 ding te verbeteren.".into(),
                n => format!("De server nam het niet aan: er zijn nog {n} dingen te verbeteren."),
            },
            Failure::Refused { melding, status } if melding.trim().is_empty() => {
                format!("De server weigerde dit (fout {status}). Probeer het later opnieuw.")
            }
            Failure::Refused { melding, .. } => melding.clone(),
        }
    }
}

/// The server's Dutch sentence in an error's body.
fn melding(body: &str) -> String {
    #[derive(Deserialize)]
    struct Melding {
        melding: String,
    }
    serde_json::from_str::<Melding>(body)
        .map(|m| m.melding)
        .unwrap_or_default()
}

/// An answer (`status`, `body`) sorted: a success read as `T`, or why not.
pub fn answer<T: serde::de::DeserializeOwned>(status: u16, body: &str) -> Result<T, Failure> {
    match status {
        200..=299 => serde_json::from_str(body).map_err(|_| Failure::Refused {
            status,
            melding: "Het antwoord van de server las niet goed. Probeer het opnieuw.".into(),
        }),
        401 => Err(Failure::SignedOut),
        409 => match serde_json::from_str::<Conflict>(body) {
            Ok(conflict) => Err(Failure::Conflict(Box::new(conflict))),
            Err(_) => Err(Failure::Refused {
                status,
                melding: melding(body),
            }),
        },
        422 => {
            #[derive(Deserialize)]
            struct Problems {
                #[serde(default)]
                problemen: Vec<ProblemJson>,
            }
            let problems = serde_json::from_str::<Problems>(body)
                .map(|p| p.problemen)
                .unwrap_or_default();
            if problems.is_empty() {
                return Err(Failure::Refused {
                    status,
                    melding: melding(body),
                });
            }
            Err(Failure::Invalid(
                problems
                    .into_iter()
                    .map(|p| Problem {
                        file: p.file,
                        line: p.line,
                        column: p.column,
                        path: p.path,
                        message: p.message,
                    })
                    .collect(),
            ))
        }
        _ => Err(Failure::Refused {
            status,
            melding: melding(body),
        }),
    }
}

/// A publish's answer: 200 live, 202 waiting for a second editor.
pub fn published(status: u16, body: &str) -> Result<Published, Failure> {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(default)]
        versie: String,
        #[serde(default)]
        voorstel: String,
    }
    let a: Answer = answer(status, body)?;
    Ok(if status == 202 {
        Published::Proposed(a.voorstel)
    } else {
        Published::Live(a.versie)
    })
}

/// Where the studio is as to the server (`GET api/sessie`).
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// Not yet known (the first answer is awaited): nothing of the server shown.
    Asking,
    /// No Koers server (a static host, 404, no answer): the studio downloads, as ever.
    Static,
    /// A Koers server, not signed in.
    SignedOut,
    SignedIn(Session),
}

/// The mode an answer to `GET api/sessie` means: 401 a server without a session, 200
/// with a session a server signed in, anything else (a static host's 404 or HTML
/// page, no answer) no server.
pub fn mode(answer: Option<(u16, &str)>) -> Mode {
    match answer {
        Some((401, _)) => Mode::SignedOut,
        Some((200, body)) => match serde_json::from_str::<Session>(body) {
            Ok(session) => Mode::SignedIn(session),
            Err(_) => Mode::Static,
        },
        _ => Mode::Static,
    }
}

/// The body of a publish.
#[derive(Serialize)]
pub struct Publish<'a> {
    pub basis: &'a str,
    pub notitie: &'a str,
    pub inhoud: &'a str,
}

/// The body of a rollback.
#[derive(Serialize)]
pub struct Rollback<'a> {
    pub versie: &'a str,
    pub basis: &'a str,
    pub notitie: &'a str,
}

/// The path of organisation `slug`'s API, and `rest` after it.
pub fn org_path(slug: &str, rest: &str) -> String {
    if rest.is_empty() {
        format!("organisaties/{slug}")
    } else {
        format!("organisaties/{slug}/{rest}")
    }
}

/// `GET api/<path>`: the status and body, or `None` when there was no answer.
pub async fn get(path: &str) -> Option<(u16, String)> {
    send("GET", path, None, None).await
}

/// `POST api/<path>` with the JSON `body` and the session's CSRF token.
pub async fn post(path: &str, body: String, csrf: Option<&str>) -> Option<(u16, String)> {
    send("POST", path, Some(body), csrf).await
}

async fn send(
    method: &str,
    path: &str,
    body: Option<String>,
    csrf: Option<&str>,
) -> Option<(u16, String)> {
    let url = format!("{}/api/{path}", crate::web::site_base());
    #[cfg(target_arch = "wasm32")]
    {
        browser::send(method, &url, body, csrf).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (method, url, body, csrf);
        None
    }
}

/// `when` (RFC 3339) as the editor reads it: "3 december 2026 om 14:05", in the
/// browser's time zone (natively: as written).
pub fn when(when: &str) -> String {
    koers::on_web!(when_as_written(when), browser::local_time(when))
}

/// `when` (RFC 3339) in Dutch as written, its time zone left as it is.
pub fn when_as_written(when: &str) -> String {
    match (
        when.get(..10).and_then(koers_content::long_date),
        when.get(10..11),
        when.get(11..16),
    ) {
        (Some(day), Some("T" | " "), Some(time)) => format!("{day} om {time}"),
        _ => when.to_string(),
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::JsValue;

    pub async fn send(
        method: &str,
        url: &str,
        body: Option<String>,
        csrf: Option<&str>,
    ) -> Option<(u16, String)> {
        use gloo_net::http::Request;
        let mut request = if method == "POST" {
            Request::post(url)
        } else {
            Request::get(url)
        }
        .header("Accept", "application/json");
        if let Some(token) = csrf {
            request = request.header("X-Koers-CSRF", token);
        }
        let response = match body {
            Some(body) => {
                request
                    .header("Content-Type", "application/json")
                    .body(body)
                    .ok()?
                    .send()
                    .await
            }
            None => request.send().await,
        }
        .ok()?;
        let text = response.text().await.unwrap_or_default();
        Some((response.status(), text))
    }

    pub fn local_time(when: &str) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(when));
        if date.get_time().is_nan() {
            return super::when_as_written(when);
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        date.to_locale_string("nl-BE", &options)
            .as_string()
            .unwrap_or_else(|| super::when_as_written(when))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: &str = r#"{"naam":"Proef Redacteur","id":"r1","organisaties":[{"slug":"proefdorp","naam":"Gemeente Proefdorp","vierOgen":true}],"csrf":"t0k3n"}"#;

    #[test]
    fn the_session_answer_tells_the_mode() {
        assert_eq!(
            mode(Some((401, r#"{"melding":"Meld je aan"}"#))),
            Mode::SignedOut
        );
        let Mode::SignedIn(session) = mode(Some((200, SESSION))) else {
            panic!("signed in");
        };
        assert_eq!(session.naam, "Proef Redacteur");
        assert_eq!(session.csrf, "t0k3n");
        assert!(session.organisaties[0].vier_ogen);
        // A static host: its 404, its HTML page for any path, no answer at all.
        assert_eq!(mode(Some((404, "Not found"))), Mode::Static);
        assert_eq!(mode(Some((200, "<!doctype html><p>Koers"))), Mode::Static);
        assert_eq!(mode(None), Mode::Static);
        assert_eq!(mode(Some((500, ""))), Mode::Static);
    }

    #[test]
    fn a_publish_answer_is_live_waiting_refused_or_a_conflict() {
        assert_eq!(
            published(200, r#"{"versie":"abc","status":"gepubliceerd"}"#),
            Ok(Published::Live("abc".into()))
        );
        assert_eq!(
            published(202, r#"{"voorstel":"v1","status":"voorstel"}"#),
            Ok(Published::Proposed("v1".into()))
        );
        assert_eq!(published(401, "{}"), Err(Failure::SignedOut));
        let conflict = published(
            409,
            r#"{"melding":"Intussen gepubliceerd","versie":"def","inhoud":"{}","sindsdien":[{"versie":"def","auteur":"Andere Redacteur","wanneer":"2026-12-03T10:15:00Z","notitie":"Nieuw nummer"}]}"#,
        );
        let Err(Failure::Conflict(conflict)) = conflict else {
            panic!("a conflict: {conflict:?}");
        };
        assert_eq!(conflict.versie, "def");
        assert_eq!(conflict.sindsdien[0].auteur, "Andere Redacteur");
        let invalid = published(
            422,
            r#"{"melding":"Nog fouten","problemen":[{"file":"proefdorp.json","line":3,"column":5,"path":"pages.contact.blocks[0].phone","message":"\"bel ons\" is not a phone number"}]}"#,
        );
        let Err(Failure::Invalid(problems)) = invalid else {
            panic!("refused with problems: {invalid:?}");
        };
        assert_eq!(problems[0].path, "pages.contact.blocks[0].phone");
        assert_eq!(
            crate::dutch::message(&problems[0].message),
            "Dit is geen telefoonnummer. Schrijf het in cijfers, met spaties als je wilt."
        );
        let refused = published(403, r#"{"melding":"Dit bestuur is niet het jouwe."}"#);
        assert_eq!(
            refused.unwrap_err().message(),
            "Dit bestuur is niet het jouwe."
        );
        assert!(published(500, "boom")
            .unwrap_err()
            .message()
            .contains("fout 500"));
        assert!(Failure::Network.message().contains("blijft bewaard"));
        assert!(Failure::SignedOut.message().contains("blijft bewaard"));
    }

    #[test]
    fn history_and_proposals_read() {
        let history: Vec<Entry> = answer(
            200,
            r#"[{"versie":"a","auteur":"Koers","wanneer":"2026-12-01T09:00:00+01:00","notitie":"Inhoud overgenomen"}]"#,
        )
        .unwrap();
        assert_eq!(history[0].notitie, "Inhoud overgenomen");
        let proposals: Vec<Proposal> = answer(
            200,
            r#"[{"id":"v1","auteur":"Proef Redacteur","auteurId":"r1","wanneer":"2026-12-03T10:00:00Z","notitie":"Nieuw nummer","basis":"a","inhoud":"{}","teruggestuurd":{"door":"Tweede Redacteur","opmerking":"Het nummer klopt niet.","wanneer":"2026-12-03T11:00:00Z"}}]"#,
        )
        .unwrap();
        assert_eq!(proposals[0].auteur_id, "r1");
        assert_eq!(
            proposals[0].teruggestuurd.as_ref().unwrap().opmerking,
            "Het nummer klopt niet."
        );
    }

    #[test]
    fn a_moment_reads_in_dutch() {
        assert_eq!(
            when_as_written("2026-12-03T14:05:09Z"),
            "3 december 2026 om 14:05"
        );
        assert_eq!(when_as_written("gisteren"), "gisteren");
        assert_eq!(org_path("proefdorp", ""), "organisaties/proefdorp");
        assert_eq!(
            org_path("proefdorp", "publiceren"),
            "organisaties/proefdorp/publiceren"
        );
    }
}
