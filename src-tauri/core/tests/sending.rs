//! Test emails against a real SMTP server (aiosmtpd, `smtp_server.py`) that each
//! test starts on a loopback port: what arrives is the `.eml`, byte for byte but
//! for the headers a sent message needs; each way sending can fail is one sentence.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use newsflash_core::{Body, Error, ErrorCode, Format, Newsroom, send_test_email};

use crate::common::{NOW, newsroom_path, open};

/// The login the server takes, and the recipient it refuses.
pub const USER: &str = "anna";
pub const PASSWORD: &str = "correct horse battery staple";
pub const REFUSED: &str = "nobody@example.net";

/// aiosmtpd on 127.0.0.1, stopped (its standard input closed, then killed) when
/// dropped.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    pub inbox: tempfile::TempDir,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_server.py");
        let inbox = tempfile::tempdir().unwrap();
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let mut child = Command::new(&python)
            .arg(&script)
            .arg("--out")
            .arg(inbox.path())
            .args(["--user", USER, "--password", PASSWORD, "--reject", REFUSED])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {python} {}: {error}; ./x setup installs what the SMTP tests need", script.display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the SMTP server did not start (it printed {line:?}); is aiosmtpd installed? `./x setup` installs it (python3 -m pip install aiosmtpd)")
            });
        SmtpServer { child, port, inbox }
    }

    /// The messages received, in order: (raw bytes, envelope JSON).
    pub fn received(&self) -> Vec<(Vec<u8>, String)> {
        (1..)
            .map(|n| self.inbox.path().join(format!("{n}.eml")))
            .take_while(|path| path.exists())
            .map(|path: PathBuf| {
                (
                    std::fs::read(&path).unwrap(),
                    std::fs::read_to_string(path.with_extension("json")).unwrap(),
                )
            })
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sample newsroom, sending through `port` on this computer as `USER`.
fn newsroom_sending_to(dir: &tempfile::TempDir, port: u16) -> Newsroom {
    let newsroom = open(&newsroom_path(dir));
    let settings = newsroom.settings();
    settings.set("smtpHost", "127.0.0.1").unwrap();
    settings.set("smtpSecurity", "none").unwrap();
    settings.set("smtpPort", &port.to_string()).unwrap();
    settings.set("smtpUser", USER).unwrap();
    settings.set("testRecipient", "me@example.net").unwrap();
    newsroom
}

fn head_and_body(message: &[u8]) -> (String, &[u8]) {
    let at = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    (
        String::from_utf8(message[..at].to_vec()).unwrap(),
        &message[at + 4..],
    )
}

fn header<'a>(head: &'a str, name: &str) -> Vec<&'a str> {
    head.split("\r\n")
        .filter_map(|line| line.strip_prefix(&format!("{name}: ")))
        .collect()
}

#[test]
fn a_test_email_arrives_as_the_eml_byte_for_byte() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsroom_sending_to(&dir, server.port);
    let sent = send_test_email(&newsroom, 1, None, Some(PASSWORD), NOW).unwrap();
    assert_eq!(sent.to, "me@example.net");
    assert_eq!(sent.reply, "250 2.0.0 Ok: queued as TEST1");

    let received = server.received();
    assert_eq!(received.len(), 1);
    let (message, envelope) = &received[0];
    assert_eq!(
        envelope,
        r#"{"from": "editors@newsflash.example.org", "to": ["me@example.net"]}"#
    );
    let eml = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
    let (eml_head, eml_body) = head_and_body(eml.as_bytes());
    let (head, body) = head_and_body(message);
    // Both parts, their MIME headers and the boundary: the same bytes.
    assert!(
        body == eml_body,
        "{} bytes received, {} in the .eml; first difference at byte {:?}",
        body.len(),
        eml_body.len(),
        body.iter().zip(eml_body).position(|(a, b)| a != b)
    );
    // The headers of a sent message, and the rest as in the .eml.
    assert_eq!(header(&head, "To"), vec!["<me@example.net>"]);
    assert_eq!(
        header(&head, "Date"),
        vec!["Wed, 25 Nov 2026 09:00:00 +0000"]
    );
    assert_eq!(
        header(&head, "Message-ID"),
        vec![format!("<{}>", sent.message_id).as_str()]
    );
    assert_ne!(
        header(&head, "Message-ID"),
        header(eml_head.as_str(), "Message-ID")
    );
    assert!(header(&head, "X-Unsent").is_empty());
    let unchanged = |head: &str| -> Vec<String> {
        let mut keep = true;
        head.split("\r\n")
            .filter(|line| {
                if !line.starts_with([' ', '\t']) {
                    keep = !["To:", "Date:", "Message-ID:", "X-Unsent:"]
                        .iter()
                        .any(|name| line.starts_with(name));
                }
                keep
            })
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(unchanged(&head), unchanged(&eml_head));
    assert!(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // A second test of the same issue is a message of its own.
    let later = NOW + time::Duration::minutes(5);
    let again =
        send_test_email(&newsroom, 1, Some("me@example.net"), Some(PASSWORD), later).unwrap();
    assert_ne!(again.message_id, sent.message_id);
    assert_eq!(server.received().len(), 2);
}

#[test]
fn each_way_sending_fails_is_one_sentence() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsroom_sending_to(&dir, server.port);
    let send = |to: Option<&str>, password: Option<&str>| {
        send_test_email(&newsroom, 1, to, password, NOW).unwrap_err()
    };
    let one_sentence = |error: &Error| {
        let text = error.to_string();
        assert!(text.ends_with('.') && !text.contains('\n'), "{text}");
        assert!(
            !text.contains(PASSWORD) && !text.contains("wrong password"),
            "{text}"
        );
        text
    };

    let refused = send(None, Some("wrong password"));
    assert!(
        matches!(refused, Error::SmtpLoginRefused { .. }),
        "{refused:?}"
    );
    assert_eq!(refused.code(), ErrorCode::LoginRefused);
    assert_eq!(
        one_sentence(&refused),
        "The mail server 127.0.0.1 refused the login of anna (535 5.7.8 Authentication credentials invalid); nothing was sent."
    );

    let rejected = send(Some(REFUSED), Some(PASSWORD));
    assert!(
        matches!(rejected, Error::SmtpRecipientRejected { .. }),
        "{rejected:?}"
    );
    assert_eq!(rejected.code(), ErrorCode::SendFailed);
    assert_eq!(
        one_sentence(&rejected),
        "The mail server 127.0.0.1 refused the recipient nobody@example.net (550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown); nothing was sent."
    );

    let missing = send(None, None);
    assert!(
        matches!(missing, Error::SmtpPasswordMissing { .. }),
        "{missing:?}"
    );
    assert_eq!(missing.code(), ErrorCode::PasswordRequired);
    assert!(one_sentence(&missing).contains("needs the password of anna"));

    let bad = send(Some("me at example.net"), Some(PASSWORD));
    assert!(matches!(bad, Error::InvalidRecipient { .. }), "{bad:?}");

    // Encrypted from the start, to a server that speaks plain SMTP.
    newsroom.settings().set("smtpSecurity", "tls").unwrap();
    let tls = send(None, Some(PASSWORD));
    assert!(matches!(tls, Error::SmtpTls { .. }), "{tls:?}");
    assert!(
        one_sentence(&tls)
            .starts_with("The encrypted connection to the mail server 127.0.0.1 failed (")
    );
    // STARTTLS asked for, and not offered: nothing goes out unencrypted.
    newsroom.settings().set("smtpSecurity", "starttls").unwrap();
    let plain = send(None, Some(PASSWORD));
    assert!(matches!(plain, Error::SmtpNoStarttls { .. }), "{plain:?}");
    assert!(one_sentence(&plain).contains("does not offer STARTTLS"));
    assert!(server.received().is_empty(), "nothing arrived");

    // Nothing listening on the port.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    newsroom.settings().set("smtpSecurity", "none").unwrap();
    newsroom
        .settings()
        .set("smtpPort", &closed.to_string())
        .unwrap();
    let unreachable = send(None, Some(PASSWORD));
    assert!(
        matches!(unreachable, Error::SmtpUnreachable { .. }),
        "{unreachable:?}"
    );
    assert!(
        one_sentence(&unreachable).starts_with(&format!(
            "The mail server 127.0.0.1 could not be reached on port {closed} (Connection refused"
        )),
        "{unreachable}"
    );
    // A host that does not exist.
    newsroom.settings().set("smtpSecurity", "starttls").unwrap();
    newsroom
        .settings()
        .set("smtpHost", "no-such-host.invalid")
        .unwrap();
    let unknown = send(None, Some(PASSWORD));
    assert!(
        matches!(unknown, Error::SmtpUnreachable { .. }),
        "{unknown:?}"
    );
    one_sentence(&unknown);

    newsroom.settings().set("smtpHost", "").unwrap();
    assert!(matches!(send(None, Some(PASSWORD)), Error::SmtpHostMissing));
}
