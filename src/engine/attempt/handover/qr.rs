//! QR codes as drawing instructions: a frame's text (alphanumeric mode, level M, version 20 at
//! most, see `frames::QR_CHARS`) or a link (any mode, level M), as the size in modules and one
//! SVG path of the dark modules. The app draws the path in an `<svg>` with a quiet zone.
//! Encoding: Nayuki's `qrcodegen` (no dependencies).

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// The largest version a frame is drawn at (97×97 modules).
pub const MAX_FRAME_VERSION: u8 = 20;

/// Modules of light margin on each side (the standard's quiet zone).
pub const QUIET: usize = 4;

#[derive(Clone, Debug, PartialEq)]
pub struct QrImage {
    /// Modules per side, without the quiet zone.
    pub size: usize,
    pub version: u8,
    /// The dark modules as one SVG path in module units, offset by the quiet zone.
    pub path: String,
}

impl QrImage {
    /// The side of the whole image in modules, quiet zone included (the SVG's view box).
    pub fn side(&self) -> usize {
        self.size + 2 * QUIET
    }

    fn of(qr: &QrCode) -> QrImage {
        let size = qr.size() as usize;
        let mut path = String::new();
        for y in 0..size {
            let mut x = 0;
            while x < size {
                if !qr.get_module(x as i32, y as i32) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < size && qr.get_module(x as i32, y as i32) {
                    x += 1;
                }
                // One rectangle per run of dark modules in a row.
                path.push_str(&format!(
                    "M{},{}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                ));
            }
        }
        QrImage {
            size,
            version: qr.version().value(),
            path,
        }
    }
}

/// A frame's text as a QR code: alphanumeric mode, level M, the smallest version that holds it
/// up to `MAX_FRAME_VERSION`. `None` for text outside the alphanumeric set or too long.
pub fn frame_qr(text: &str) -> Option<QrImage> {
    if !QrSegment::is_alphanumeric(text) {
        return None;
    }
    let seg = QrSegment::make_alphanumeric(text);
    let qr = QrCode::encode_segments_advanced(
        &[seg],
        QrCodeEcc::Medium,
        Version::new(1),
        Version::new(MAX_FRAME_VERSION),
        None,
        false,
    )
    .ok()?;
    Some(QrImage::of(&qr))
}

/// Any text (a link) as a QR code at level M, in the most compact mode for it.
pub fn text_qr(text: &str) -> Option<QrImage> {
    QrCode::encode_text(text, QrCodeEcc::Medium)
        .ok()
        .map(|qr| QrImage::of(&qr))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::attempt::handover::frames::QR_CHARS;

    #[test]
    fn a_full_frame_fits_version_20_and_one_more_character_does_not() {
        let full = "KF:".to_string() + &"A".repeat(QR_CHARS - 3);
        let img = frame_qr(&full).expect("970 characters fit version 20-M");
        assert_eq!(img.version, 20);
        assert_eq!(img.size, 97);
        assert_eq!(img.side(), 105);
        assert_eq!(frame_qr(&(full + "A")), None);
    }

    #[test]
    fn a_short_frame_takes_a_small_version_and_lowercase_is_refused() {
        let img = frame_qr("KF:ABC").unwrap();
        assert_eq!(img.version, 1);
        assert_eq!(img.size, 21);
        // The finder pattern's top row: a run of 7 dark modules after the quiet zone.
        assert!(img.path.starts_with("M4,4h7v1h-7z"), "{}", img.path);
        assert_eq!(frame_qr("kf:abc"), None);
    }

    #[test]
    fn a_link_is_encoded_in_byte_mode() {
        let img = text_qr("https://example.org/kefu/app.html#/comments/KC1.abc-_").unwrap();
        assert!(img.size >= 25);
        assert!(!img.path.is_empty());
    }
}
