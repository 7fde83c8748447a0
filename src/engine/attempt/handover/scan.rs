//! The desk's side of the codes (扫码收集): reading the QR codes in one camera picture, and a
//! scanning session that feeds what it reads to the joiner, keeps each trainee's progress and
//! says in one status line what the last read did.
//!
//! The camera gives the same code many times a second; a session answers a repeated frame
//! quietly, names a bad frame or a foreign code, and hands each completed attempt to the
//! caller (the desk adds it to its cohort and says whether it was new).

use super::frames::{read_frame, Joiner, Scan};
use super::payload::BankOf;
use crate::engine::attempt::attempt::AttemptRecord;

/// Grey levels (0 black … 255 white) of an RGBA picture, as a canvas gives it.
pub fn luma(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect()
}

/// The texts of every QR code readable in a grey picture `width` pixels wide (quircs, a pure
/// Rust port of quirc: finds the codes' corners, samples their grids, corrects errors). A code
/// found but not read is left out: the camera's next picture (at another size, see
/// `PICTURE_SCALES`) usually reads.
pub fn read_image(grey: &[u8], width: usize, height: usize) -> Vec<String> {
    if width == 0 || height == 0 || grey.len() < width * height {
        return Vec::new();
    }
    let mut q = quircs::Quirc::default();
    q.identify(width, height, &grey[..width * height])
        .filter_map(|code| code.ok()?.decode().ok())
        .filter_map(|data| String::from_utf8(data.payload).ok())
        .collect()
}

/// How much each picture taken from the camera is shrunk, in turn. A large code (version 20,
/// 97 modules) can miss by a fraction of a module somewhere in its grid at one pixel size and
/// read at another; a camera held still gives the same picture again and again, so the desk
/// varies the size instead (a code the tests' fake camera shows unread at full size reads at
/// 0.75 or 0.9).
pub const PICTURE_SCALES: [f64; 3] = [1.0, 0.75, 0.9];

/// The scale of the `n`th picture.
pub fn picture_scale(n: usize) -> f64 {
    PICTURE_SCALES[n % PICTURE_SCALES.len()]
}

/// Where one attempt's codes stand in this session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Frames still missing: `have` of `total` read.
    Reading,
    /// Complete and added to the cohort.
    Added,
    /// Complete, but the cohort already held it (scanned or imported before): not added again.
    AlreadyHad,
    /// Every frame read, but the joined payload is not an attempt (the message says why).
    Failed(String),
}

/// One attempt seen in this session (its frames share a payload id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub id: u32,
    pub have: usize,
    pub total: usize,
    /// The trainee's name and employee number, known once the attempt is complete.
    pub who: Option<String>,
    pub stage: Stage,
}

impl Progress {
    /// One line for the desk's list.
    pub fn line(&self) -> String {
        let n = self.total;
        match (&self.stage, &self.who) {
            (Stage::Reading, _) => format!("一份成绩：已读 {} / {n} 张", self.have),
            (Stage::Added, Some(w)) => format!("{w}：{n} / {n} 张，已加入班级"),
            (Stage::AlreadyHad, Some(w)) => format!("{w}：这次成绩之前已收集，没有重复添加"),
            (Stage::Failed(m), _) => format!("一份成绩（{n} 张）读完但无法使用：{m}"),
            (_, None) => format!("一份成绩：{n} / {n} 张"),
        }
    }
}

/// What one read did, for the page to react to (a sound, a flash, nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// Nothing new (a frame read before, the same foreign code again).
    Quiet,
    /// A new frame of an attempt still missing some.
    Frame,
    /// A trainee's attempt completed and added: sound and flash.
    Added,
    /// A complete attempt the cohort already held.
    AlreadyHad,
    /// A bad frame, a foreign code or an unusable payload: named in the status line.
    Problem,
}

/// A scanning session at the desk: the joiner, the progress per attempt, the status line.
#[derive(Default)]
pub struct ScanSession {
    joiner: Joiner,
    /// In the order first seen.
    pub attempts: Vec<Progress>,
    /// What the last read that changed anything did, in words.
    pub status: Option<String>,
    /// How many codes were read in all (every picture's, repeats included).
    pub reads: usize,
}

impl ScanSession {
    pub fn new() -> ScanSession {
        ScanSession::default()
    }

    /// Reads one code's text. `add` puts a completed attempt in the cohort and says whether
    /// it was new (false: the cohort held it already).
    pub fn read<'b>(
        &mut self,
        text: &str,
        bank_of: &BankOf<'b>,
        add: &mut dyn FnMut(AttemptRecord) -> bool,
    ) -> Heard {
        self.reads += 1;
        let id = read_frame(text).ok().map(|f| f.id);
        match self.joiner.add(text, bank_of) {
            Scan::Foreign => self.say("看到一个不是成绩码的二维码，已忽略"),
            Scan::Bad(m) => self.say(&m),
            Scan::Duplicate => {
                // Frames of an attempt this session completed keep coming while the phone
                // cycles: said once, never added again.
                let who = id
                    .and_then(|id| self.attempts.iter().find(|p| p.id == id))
                    .filter(|p| p.stage != Stage::Reading)
                    .and_then(|p| p.who.clone());
                if let Some(w) = who {
                    self.status = Some(format!("{w} 的成绩已经收集，不会重复添加"));
                }
                Heard::Quiet
            }
            Scan::Partial { id, have, total } => {
                let p = self.progress(id, total);
                p.have = have;
                p.stage = Stage::Reading;
                self.status = Some(format!("读到一份成绩的第 {have} / {total} 张"));
                Heard::Frame
            }
            Scan::Complete(r) => {
                let id = id.unwrap_or_default();
                let who = format!("{} {}", r.trainee.name.trim(), r.trainee.employee_no.trim())
                    .trim()
                    .to_string();
                let new = add(*r);
                let p = self.progress(id, 0);
                p.have = p.total.max(1);
                p.total = p.have;
                p.who = Some(who.clone());
                p.stage = if new { Stage::Added } else { Stage::AlreadyHad };
                self.status = Some(if new {
                    format!("已加入 {who} 的成绩")
                } else {
                    format!("{who} 的这次成绩之前已收集，没有重复添加")
                });
                if new {
                    Heard::Added
                } else {
                    Heard::AlreadyHad
                }
            }
            Scan::Failed(m) => {
                let id = id.unwrap_or_default();
                let p = self.progress(id, 0);
                p.have = p.total;
                p.stage = Stage::Failed(m.clone());
                self.say(&m)
            }
        }
    }

    /// How many attempts this session added to the cohort.
    pub fn added(&self) -> usize {
        self.attempts
            .iter()
            .filter(|p| p.stage == Stage::Added)
            .count()
    }

    fn say(&mut self, m: &str) -> Heard {
        if self.status.as_deref() == Some(m) {
            return Heard::Quiet;
        }
        self.status = Some(m.to_string());
        Heard::Problem
    }

    fn progress(&mut self, id: u32, total: usize) -> &mut Progress {
        let at = match self.attempts.iter().position(|p| p.id == id) {
            Some(i) => i,
            None => {
                self.attempts.push(Progress {
                    id,
                    have: 0,
                    total,
                    who: None,
                    stage: Stage::Reading,
                });
                self.attempts.len() - 1
            }
        };
        &mut self.attempts[at]
    }
}
