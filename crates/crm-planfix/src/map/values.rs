//! Single values as Planfix writes them: ids, dates, sex, pictures.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::NaiveDate;
use crm_core::{ClientId, Sex};

use crate::error::PlanfixError;

/// Largest picture accepted, decoded (reference/reliability.md "Limits": 5 MiB).
pub const MAX_PICTURE_BYTES: usize = 5 * 1024 * 1024;

/// A positive integer id.
pub fn parse_id(field: &str, raw: &str) -> Result<i64, PlanfixError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| PlanfixError::InvalidValue(format!("{field}: not an id: {raw}")))
}

/// `MALE` / `FEMALE` (any case); empty is no value.
pub fn parse_sex(raw: &str) -> Result<Option<Sex>, PlanfixError> {
    match raw.trim().to_ascii_uppercase().as_str() {
        "" => Ok(None),
        "MALE" => Ok(Some(Sex::Male)),
        "FEMALE" => Ok(Some(Sex::Female)),
        _ => Err(PlanfixError::InvalidValue(format!(
            "sex: expected MALE or FEMALE, got {raw}"
        ))),
    }
}

/// `dd-mm-yyyy`, optionally followed by ` HH:MM` (reference/planfix.md §6);
/// `yyyy-mm-dd` is also read. Empty is no value.
pub fn parse_date(raw: &str) -> Result<Option<NaiveDate>, PlanfixError> {
    let day = raw.trim().split(' ').next().unwrap_or("");
    if day.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(day, "%d-%m-%Y")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y-%m-%d"))
        .map(Some)
        .map_err(|_| {
            PlanfixError::InvalidValue(format!("birthdate: expected dd-mm-yyyy, got {raw}"))
        })
}

/// A base64 `userPic`: size-checked before decoding, then checked to be a
/// JPEG, PNG, GIF or WebP picture (reference/reliability.md §1.1).
pub fn picture(raw: &str) -> Result<Vec<u8>, PlanfixError> {
    let compact: String = raw.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let compact = compact
        .split_once("base64,")
        .map_or(compact.as_str(), |(_, data)| data);
    if compact.len() > MAX_PICTURE_BYTES.div_ceil(3) * 4 {
        return Err(PlanfixError::InvalidValue(
            "userPic: the picture is larger than 5 MiB".to_owned(),
        ));
    }
    let bytes = STANDARD
        .decode(compact)
        .map_err(|_| PlanfixError::InvalidValue("userPic: not valid base64".to_owned()))?;
    if image_type(&bytes).is_none() {
        return Err(PlanfixError::InvalidValue(
            "userPic: not a JPEG, PNG, GIF or WebP picture".to_owned(),
        ));
    }
    Ok(bytes)
}

/// The media type of a stored picture, by its magic bytes.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        Some("image/png")
    } else if bytes.starts_with(b"GIF8") {
        Some("image/gif")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Company ids of `contractors`, as client ids.
pub fn company_ids(raw: &[String]) -> Result<Vec<ClientId>, PlanfixError> {
    raw.iter()
        .map(|r| parse_id("contractors/client/id", r).map(ClientId))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_planfix_form() {
        let d = NaiveDate::from_ymd_opt(1987, 3, 13);
        assert_eq!(parse_date("13-03-1987"), Ok(d));
        assert_eq!(parse_date("13-03-1987 10:30"), Ok(d));
        assert_eq!(parse_date("1987-03-13"), Ok(d));
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("31-02-1987").is_err());
        assert!(parse_date("yesterday").is_err());
    }

    #[test]
    fn sex_values() {
        assert_eq!(parse_sex("MALE"), Ok(Some(Sex::Male)));
        assert_eq!(parse_sex("female"), Ok(Some(Sex::Female)));
        assert_eq!(parse_sex(""), Ok(None));
        assert!(parse_sex("M").is_err());
    }

    #[test]
    fn pictures_are_checked() {
        let png = STANDARD.encode([0x89, b'P', b'N', b'G', 1, 2, 3]);
        assert_eq!(picture(&png).unwrap().len(), 7);
        let wrapped = format!("{}\n{}", &png[..4], &png[4..]);
        assert!(picture(&wrapped).is_ok());
        assert!(picture("not base64!").is_err());
        assert!(picture(&STANDARD.encode(b"hello")).is_err());
        let huge = "A".repeat(MAX_PICTURE_BYTES / 3 * 4 + 8);
        assert!(picture(&huge).is_err());
    }

    #[test]
    fn ids_are_positive_integers() {
        assert_eq!(parse_id("id", " 12 "), Ok(12));
        assert!(parse_id("id", "0").is_err());
        assert!(parse_id("id", "-1").is_err());
        assert!(parse_id("id", "99999999999999999999").is_err());
    }
}
