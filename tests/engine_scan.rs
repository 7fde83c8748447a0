//! The desk's scanner (扫码收集, issue 23): QR codes drawn from an attempt's frames read back
//! from a picture, and a scanning session fed what a camera gives (every frame many times, in
//! any order, a misread, a foreign code) adding each trainee once.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::handover::scan::{luma, picture_scale, read_image, Heard, Stage};
use kefu_exam::engine::attempt::handover::{encode, frames, ScanSession};
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Library};
use kefu_exam::engine::text::rng::Rng;
use kefu_exam::engine::trainer::cohort::Cohort;
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

const T0: i64 = 1_795_395_600_000;

fn course() -> Library {
    let lib = library::load("exams/index.md", &exam_files());
    assert_eq!(lib.errors().count(), 0);
    lib
}

/// The final exam, every question answered right, submitted.
fn attempt(lib: &Library, name: &str, seed: u64) -> AttemptRecord {
    let path = "exams/final-exam.md";
    let bank = &lib.banks[path];
    let who = Trainee {
        name: name.into(),
        employee_no: format!("KF{seed:04}"),
    };
    let mut r = AttemptRecord::start(bank, Mode::Exam, who, seed, T0);
    let mut t = T0;
    for key in r.keys() {
        let (_, q) = bank.find(&key).unwrap();
        t += 20_000;
        r.set_answer(&key, Some(correct_answer(&q.kind)), t)
            .unwrap();
    }
    r.submit(
        bank,
        &lib.grade_context(path),
        t + 5_000,
        SubmitReason::Manual,
    );
    r
}

fn banks<'a>(lib: &'a Library) -> impl Fn(&str) -> Option<&'a Bank> + 'a {
    move |path: &str| lib.banks.get(path).map(|b| &**b)
}

fn frames_of(lib: &Library, r: &AttemptRecord) -> Vec<String> {
    frames(&encode(r, &banks(lib))).unwrap()
}

/// A frame's text as the trainee's screen draws it: alphanumeric, level M, version ≤ 20.
fn qr(text: &str) -> QrCode {
    let segs = [QrSegment::make_alphanumeric(text)];
    QrCode::encode_segments_advanced(
        &segs,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::new(20),
        None,
        false,
    )
    .expect("a frame fits version 20 at level M")
}

/// A grey picture `w`×`h` (mid-grey background, like a desk behind a phone) with the codes
/// drawn side by side, `scale` pixels a module, each on white with a 4-module quiet zone. A
/// pixel across a module's edge gets the mean of four samples, grey as a camera sees it.
fn picture(codes: &[QrCode], scale: f64, w: usize, h: usize) -> Vec<u8> {
    let mut img = vec![128u8; w * h];
    let mut left = 10;
    for code in codes {
        let side = ((code.size() + 8) as f64 * scale) as usize;
        for y in 0..side {
            for x in 0..side {
                let mut light = 0u32;
                for (dx, dy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    let mx = ((x as f64 + dx) / scale) as i32 - 4;
                    let my = ((y as f64 + dy) / scale) as i32 - 4;
                    light += if code.get_module(mx, my) { 20 } else { 235 };
                }
                img[(y + 10) * w + left + x] = (light / 4) as u8;
            }
        }
        left += side + 20;
    }
    img
}

#[test]
fn every_frame_of_the_final_exam_reads_back_at_the_sizes_a_webcam_gives() {
    let lib = course();
    let fr = frames_of(&lib, &attempt(&lib, "王小明", 3));
    assert!(fr.len() >= 2, "the test wants several frames");
    for f in &fr {
        let code = qr(f);
        assert!(code.version().value() <= 20);
        // 3 to 6.5 pixels a module, whole and not: a version-20 code with its quiet zone is
        // 315 to 680 pixels, a third to nearly all of a 720p webcam's picture height.
        for scale in [3.0, 4.0, 4.3, 5.3, 6.4] {
            let side = ((code.size() + 8) as f64 * scale) as usize + 20;
            let img = picture(&[code.clone()], scale, side + 40, side);
            assert_eq!(
                read_image(&img, side + 40, side),
                vec![f.clone()],
                "version {} at {scale} pixels a module",
                code.version().value()
            );
        }
    }
}

#[test]
fn the_desk_varies_the_picture_size_and_comes_back_to_full_size() {
    let scales: Vec<f64> = (0..6).map(picture_scale).collect();
    assert_eq!(scales, [1.0, 0.75, 0.9, 1.0, 0.75, 0.9]);
}

#[test]
fn two_codes_in_one_picture_both_read() {
    let lib = course();
    let fr = frames_of(&lib, &attempt(&lib, "王小明", 3));
    let codes = [qr(&fr[0]), qr(&fr[1])];
    let img = picture(&codes, 3.0, 720, 360);
    let mut got = read_image(&img, 720, 360);
    got.sort();
    let mut want = vec![fr[0].clone(), fr[1].clone()];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn a_picture_without_a_code_or_of_the_wrong_size_reads_nothing() {
    assert!(read_image(&vec![200u8; 640 * 480], 640, 480).is_empty());
    assert!(
        read_image(&[0u8; 10], 640, 480).is_empty(),
        "too few pixels"
    );
    assert!(read_image(&[], 0, 0).is_empty());
}

#[test]
fn luma_weighs_green_most_and_keeps_black_and_white() {
    let rgba = [
        0, 0, 0, 255, 255, 255, 255, 255, 0, 255, 0, 255, 0, 0, 255, 255,
    ];
    let g = luma(&rgba);
    assert_eq!(g[0], 0);
    assert!(g[1] >= 254);
    assert!(g[2] > 140 && g[2] > g[3] * 4, "{g:?}");
}

#[test]
fn a_session_fed_shuffled_repeated_frames_adds_each_trainee_once_and_names_what_is_wrong() {
    let lib = course();
    let a = attempt(&lib, "王小明", 11);
    let b = attempt(&lib, "赵六", 12);
    let (fa, fb) = (frames_of(&lib, &a), frames_of(&lib, &b));
    let mut cohort = Cohort::default();
    let mut s = ScanSession::new();
    let bank_of = banks(&lib);
    let mut add = |r: AttemptRecord| cohort.add_scanned(r).added > 0;

    // A link in view: named once, then quiet while it stays in view.
    assert_eq!(
        s.read("https://example.com/", &bank_of, &mut add),
        Heard::Problem
    );
    assert_eq!(
        s.status.as_deref(),
        Some("看到一个不是成绩码的二维码，已忽略")
    );
    assert_eq!(
        s.read("https://example.com/", &bank_of, &mut add),
        Heard::Quiet
    );

    // 王小明's first frame, twice (the camera reads it in several pictures).
    assert_eq!(s.read(&fa[0], &bank_of, &mut add), Heard::Frame);
    assert_eq!(s.read(&fa[0], &bank_of, &mut add), Heard::Quiet);
    assert_eq!(
        s.attempts[0].line(),
        format!("一份成绩：已读 1 / {} 张", fa.len())
    );

    // A misread of his second frame: one character changed, named by its number.
    let mut bad = fa[1].clone().into_bytes();
    let at = bad.len() / 2;
    bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap();
    assert_eq!(s.read(&bad, &bank_of, &mut add), Heard::Problem);
    let status = s.status.clone().unwrap();
    assert!(
        status.contains("没有读对") && status.contains(&format!("共 {} 个", fa.len())),
        "{status}"
    );

    // The rest of both, interleaved and shuffled, each three times.
    let mut rest: Vec<String> = fa[1..].iter().chain(&fb).cloned().collect();
    rest = rest.iter().chain(&rest).chain(&rest).cloned().collect();
    Rng::new(7).shuffle(&mut rest);
    let mut added = 0;
    for f in &rest {
        match s.read(f, &bank_of, &mut add) {
            Heard::Added => added += 1,
            Heard::Frame | Heard::Quiet => {}
            other => panic!("{other:?}: {:?}", s.status),
        }
    }
    assert_eq!(added, 2);
    assert_eq!(s.added(), 2);
    let lines: Vec<String> = s.attempts.iter().map(|p| p.line()).collect();
    assert!(
        lines.contains(&format!(
            "王小明 KF0011：{0} / {0} 张，已加入班级",
            fa.len()
        )),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("赵六 KF0012：")),
        "{lines:?}"
    );

    // His phone still cycling: said, not added again.
    assert_eq!(s.read(&fa[0], &bank_of, &mut add), Heard::Quiet);
    assert_eq!(
        s.status.as_deref(),
        Some("王小明 KF0011 的成绩已经收集，不会重复添加")
    );
    drop(add);
    assert_eq!(cohort.attempts.len(), 2);

    // The next day's session, same cohort: his codes again are recognised as held already.
    let mut s2 = ScanSession::new();
    let mut add = |r: AttemptRecord| cohort.add_scanned(r).added > 0;
    let mut heard = Vec::new();
    for f in &fa {
        heard.push(s2.read(f, &bank_of, &mut add));
    }
    assert_eq!(heard.last(), Some(&Heard::AlreadyHad));
    assert_eq!(s2.attempts[0].stage, Stage::AlreadyHad);
    assert_eq!(
        s2.attempts[0].line(),
        "王小明 KF0011：这次成绩之前已收集，没有重复添加"
    );
    drop(add);
    assert_eq!(cohort.attempts.len(), 2);
}

#[test]
fn a_complete_payload_whose_bank_the_desk_lacks_is_named_not_added() {
    let lib = course();
    let a = attempt(&lib, "王小明", 11);
    let fa = frames_of(&lib, &a);
    let mut s = ScanSession::new();
    let none = |_: &str| -> Option<&Bank> { None };
    let mut added = 0;
    let mut add = |_: AttemptRecord| {
        added += 1;
        true
    };
    let mut last = Heard::Quiet;
    for f in &fa {
        last = s.read(f, &none, &mut add);
    }
    assert_eq!(last, Heard::Problem);
    assert!(matches!(s.attempts[0].stage, Stage::Failed(_)));
    assert!(
        s.status.clone().unwrap().contains("网站上没有题库"),
        "{:?}",
        s.status
    );
    assert_eq!(added, 0);
}
