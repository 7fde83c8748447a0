//! The payload as QR codes: numbered frames, each one QR code's worth of base45 text, and the
//! joiner at the desk that puts them back together in any order.
//!
//! A frame is the text `KF:` and the base45 of
//! `frame version · payload id (4 bytes) · index · total · part of the payload · check (4)`.
//! The payload id is the payload's own check, so the frames of two trainees never mix and the
//! same attempt shown twice gives the same frames. Each frame has its own check, so a misread
//! frame is named (and dropped) before it can spoil the whole.

use super::payload::{decode, BankOf, PayloadError};
use super::wire::{base45, check32, unbase45};
use crate::engine::attempt::attempt::AttemptRecord;
use std::collections::BTreeMap;

/// How many characters of one frame's text go into one QR code.
///
/// QR version 20 (97×97 modules) at error correction M holds 669 data codewords (3 blocks of
/// 41 and 13 of 42; 1,085 codewords less 16 × 26 for error correction) = 5,352 bits; the
/// alphanumeric mode's header takes 4 + 11 bits and each pair of characters 11 bits, so 970
/// characters fit (ISO/IEC 18004 table 7). Version 20 is the largest that still reads at arm's
/// length: shown 6–7 cm wide on a phone, a module is about 0.7 mm, some 2–3 pixels of a 720p
/// laptop webcam at 40–50 cm, which is what webcam decoders need; level M keeps a read through
/// a screen's glare or a finger on a corner. A smaller version (15: 600 characters) reads from
/// further but puts the final exam at 6 frames instead of 4 (see the tests' figures). The
/// browser half renders each frame at this version (or smaller) in alphanumeric mode.
pub const QR_CHARS: usize = 970;

/// Every frame's text starts with this (alphanumeric-safe), so the desk tells a frame of a
/// result from any other QR code in view.
pub const FRAME_PREFIX: &str = "KF:";

const FRAME_VERSION: u8 = 1;
/// Version, payload id, index, total.
const HEAD: usize = 1 + 4 + 1 + 1;
const CHECK: usize = 4;

/// Bytes of payload per frame: what base45 fits in `QR_CHARS` after the prefix, less the
/// frame's head and check (base45 writes 2 bytes as 3 characters).
pub const FRAME_PAYLOAD: usize = (QR_CHARS - FRAME_PREFIX.len()) / 3 * 2 - HEAD - CHECK;

/// The payload's id: its own check (the last 4 bytes), as a number.
pub fn payload_id(payload: &[u8]) -> u32 {
    let tail = &payload[payload.len().saturating_sub(4)..];
    tail.iter().rev().fold(0, |id, &b| id << 8 | u32::from(b))
}

/// The payload as frames, each within `QR_CHARS` characters. `None` when it would need more
/// than 255 frames (no realistic attempt comes near: see the tests' figures).
pub fn frames(payload: &[u8]) -> Option<Vec<String>> {
    let chunks: Vec<&[u8]> = payload.chunks(FRAME_PAYLOAD).collect();
    let total = u8::try_from(chunks.len().max(1)).ok()?;
    let id = payload_id(payload).to_le_bytes();
    let chunks = if chunks.is_empty() {
        vec![&[][..]]
    } else {
        chunks
    };
    Some(
        chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                let mut b = vec![FRAME_VERSION];
                b.extend_from_slice(&id);
                b.push(i as u8);
                b.push(total);
                b.extend_from_slice(chunk);
                let check = check32(&b);
                b.extend_from_slice(&check);
                format!("{FRAME_PREFIX}{}", base45(&b))
            })
            .collect(),
    )
}

/// One frame read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub id: u32,
    pub index: usize,
    pub total: usize,
    pub part: Vec<u8>,
}

/// Why a scanned text is not a usable frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameError {
    /// Some other QR code (a link, a product code).
    Foreign,
    /// A frame whose check failed: `claimed` is the index and total it says it has, when its
    /// head could be read (they may be wrong too).
    Corrupt { claimed: Option<(usize, usize)> },
    /// A frame of a newer version of the app.
    Newer(u8),
}

pub fn read_frame(text: &str) -> Result<Frame, FrameError> {
    let text = text.trim();
    let Some(body) = text.strip_prefix(FRAME_PREFIX) else {
        return Err(FrameError::Foreign);
    };
    let claimed = |b: &[u8]| (b.len() >= HEAD).then(|| (usize::from(b[5]), usize::from(b[6])));
    let Some(b) = unbase45(body) else {
        return Err(FrameError::Corrupt { claimed: None });
    };
    if b.len() < HEAD + CHECK {
        return Err(FrameError::Corrupt {
            claimed: claimed(&b),
        });
    }
    let (head, check) = b.split_at(b.len() - CHECK);
    if check32(head) != check {
        return Err(FrameError::Corrupt {
            claimed: claimed(&b),
        });
    }
    if b[0] != FRAME_VERSION {
        return Err(FrameError::Newer(b[0]));
    }
    let (index, total) = (usize::from(b[5]), usize::from(b[6]));
    if total == 0 || index >= total {
        return Err(FrameError::Corrupt {
            claimed: Some((index, total)),
        });
    }
    Ok(Frame {
        id: u32::from_le_bytes([b[1], b[2], b[3], b[4]]),
        index,
        total,
        part: head[HEAD..].to_vec(),
    })
}

/// What one scan did at the desk.
#[derive(Clone, Debug, PartialEq)]
pub enum Scan {
    /// Not a frame of a result: ignored.
    Foreign,
    /// A frame that failed its check (or of a newer app): a message naming it.
    Bad(String),
    /// A frame seen before (the phone cycles through them): nothing new.
    Duplicate,
    /// A new frame of a payload still missing others (`have` of `total`).
    Partial { id: u32, have: usize, total: usize },
    /// The last frame of a payload: the attempt, ready to add to the cohort.
    Complete(Box<AttemptRecord>),
    /// Every frame arrived but the joined payload is not an attempt.
    Failed(String),
}

#[derive(Default)]
struct Pending {
    total: usize,
    parts: BTreeMap<usize, Vec<u8>>,
}

/// Collects frames of many trainees at once, in any order, duplicates ignored.
#[derive(Default)]
pub struct Joiner {
    pending: BTreeMap<u32, Pending>,
    /// Payloads already complete (their frames keep coming while a phone cycles).
    done: BTreeMap<u32, usize>,
}

impl Joiner {
    pub fn new() -> Joiner {
        Joiner::default()
    }

    /// Reads one scanned text; `bank_of` gives the desk's banks (see `payload::decode`).
    pub fn add<'b>(&mut self, text: &str, bank_of: &BankOf<'b>) -> Scan {
        let frame = match read_frame(text) {
            Ok(f) => f,
            Err(FrameError::Foreign) => return Scan::Foreign,
            Err(FrameError::Newer(v)) => {
                return Scan::Bad(format!(
                    "这个码来自更新版本的程序（格式 {v}），请更新后再扫"
                ))
            }
            Err(FrameError::Corrupt { claimed }) => {
                return Scan::Bad(match claimed {
                    Some((i, n)) if i < n => {
                        format!("第 {} 个码（共 {n} 个）没有读对，请再扫一次", i + 1)
                    }
                    _ => "有一个码没有读对，请再扫一次".into(),
                })
            }
        };
        if self.done.contains_key(&frame.id) {
            return Scan::Duplicate;
        }
        let p = self.pending.entry(frame.id).or_insert_with(|| Pending {
            total: frame.total,
            parts: BTreeMap::new(),
        });
        if p.total != frame.total {
            return Scan::Bad(format!(
                "第 {} 个码说共 {} 个，同一成绩之前的码说共 {} 个，已忽略",
                frame.index + 1,
                frame.total,
                p.total
            ));
        }
        if p.parts.contains_key(&frame.index) {
            return Scan::Duplicate;
        }
        p.parts.insert(frame.index, frame.part);
        if p.parts.len() < p.total {
            return Scan::Partial {
                id: frame.id,
                have: p.parts.len(),
                total: p.total,
            };
        }
        let Some(p) = self.pending.remove(&frame.id) else {
            return Scan::Duplicate;
        };
        let payload: Vec<u8> = p.parts.into_values().flatten().collect();
        match decode(&payload, bank_of) {
            Ok(r) => {
                self.done.insert(frame.id, p.total);
                Scan::Complete(Box::new(r))
            }
            Err(e) => Scan::Failed(payload_problem(&e)),
        }
    }

    /// Payloads still waiting for frames, with the frames missing (0-based) and the total.
    pub fn missing(&self) -> Vec<(u32, Vec<usize>, usize)> {
        self.pending
            .iter()
            .map(|(id, p)| {
                let gone = (0..p.total).filter(|i| !p.parts.contains_key(i)).collect();
                (*id, gone, p.total)
            })
            .collect()
    }

    /// The missing frames in words, one line per unfinished payload.
    pub fn missing_messages(&self) -> Vec<String> {
        self.missing()
            .into_iter()
            .map(|(_, gone, total)| {
                let names: Vec<String> = gone.iter().map(|i| (i + 1).to_string()).collect();
                format!(
                    "有一份成绩还差第 {} 个码（共 {total} 个）",
                    names.join("、")
                )
            })
            .collect()
    }
}

/// Frames read together (a batch, or a test): the attempts, and every problem named.
#[derive(Debug, Default)]
pub struct Joined {
    pub attempts: Vec<AttemptRecord>,
    pub problems: Vec<String>,
}

pub fn join_frames<'b, S: AsRef<str>>(texts: &[S], bank_of: &BankOf<'b>) -> Joined {
    let mut j = Joiner::new();
    let mut out = Joined::default();
    for t in texts {
        match j.add(t.as_ref(), bank_of) {
            Scan::Complete(r) => out.attempts.push(*r),
            Scan::Bad(m) | Scan::Failed(m) => out.problems.push(m),
            Scan::Foreign => out.problems.push("有一个码不是成绩码".into()),
            Scan::Duplicate | Scan::Partial { .. } => {}
        }
    }
    out.problems.extend(j.missing_messages());
    out
}

/// A payload error in the desk's words.
pub fn payload_problem(e: &PayloadError) -> String {
    format!("成绩码{}", e.message())
}
