//! The SMS gateway: one HTTP call per message (`POST {SMS_URL}/messages`, a bearer key, JSON
//! `{to, text, reference}`), the outbox's id as the reference so that a message sent twice
//! (a lease that ran out mid-call) is delivered once. The sandbox's stand-in speaks the same.

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct SmsRequest {
    /// E.164: `+77011234567`.
    pub to: String,
    pub text: String,
    /// The sender's id of the message: the gateway takes each reference once.
    pub reference: String,
}

#[derive(Debug, Clone)]
pub struct SmsGateway {
    url: String,
    key: String,
    http: reqwest::Client,
}

/// A Kazakhstan mobile number as the gateway wants it (`+7` and ten digits), from what the
/// applicant typed: spaces, dashes, brackets, a leading 8.
pub fn e164(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
        10 => &digits[..],
        _ => return None,
    };
    Some(format!("+7{national}"))
}

impl SmsGateway {
    pub fn new(url: String, key: String, http: reqwest::Client) -> Self {
        SmsGateway {
            url: url.trim_end_matches('/').to_owned(),
            key,
            http,
        }
    }

    pub async fn send(&self, to: &str, text: &str, reference: &str) -> Result<(), String> {
        let to = e164(to).ok_or_else(|| format!("not a mobile number: {to}"))?;
        let r = self
            .http
            .post(format!("{}/messages", self.url))
            .bearer_auth(&self.key)
            .timeout(std::time::Duration::from_secs(10))
            .json(&SmsRequest {
                to,
                text: text.to_owned(),
                reference: reference.to_owned(),
            })
            .send()
            .await
            .map_err(|e| format!("SMS gateway: {e}"))?;
        if r.status().is_success() {
            Ok(())
        } else {
            Err(format!("SMS gateway answered {}", r.status()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_way_the_gateway_takes_them() {
        assert_eq!(e164("+7 701 123 45 67").as_deref(), Some("+77011234567"));
        assert_eq!(e164("8 (701) 123-45-67").as_deref(), Some("+77011234567"));
        assert_eq!(e164("7011234567").as_deref(), Some("+77011234567"));
        assert_eq!(e164("12345"), None);
    }
}
