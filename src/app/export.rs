//! The only place that builds files for download or for the share sheet (results as JSON and
//! CSV, banks and their exports), writes files back through the File System Access API, and
//! prints.

use super::json::BrowserJson;
use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::attempt::report::{attempts_csv, export_with};
use wasm_bindgen::JsCast;

use super::clock::{local_offset_min, now};

/// Offers `content` as a file download. Works on iPhone Safari too (it opens the share sheet).
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    download_part(filename, mime, &content.into())
}

/// `download` for bytes (a spreadsheet).
pub fn download_bytes(filename: &str, mime: &str, content: &[u8]) -> Result<(), String> {
    download_part(filename, mime, &js_sys::Uint8Array::from(content).into())
}

fn download_part(filename: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let document = window.document().ok_or("没有文档")?;
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|_| "无法生成文件")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "无法生成下载链接")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "无法创建链接")?
        .dyn_into()
        .map_err(|_| "无法创建链接")?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("data-export", filename).ok();
    document.body().ok_or("没有页面")?.append_child(&a).ok();
    a.click();
    a.remove();
    // Revoke later: Safari needs the URL alive while the download starts.
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 60_000);
    Ok(())
}

fn stamp() -> String {
    crate::engine::time::timing::datetime(now(), local_offset_min()).replace([' ', ':'], "-")
}

fn file_base(records: &[AttemptRecord]) -> String {
    match records {
        [one] => {
            let who = if one.trainee.name.is_empty() {
                "学员".to_string()
            } else {
                one.trainee.name.clone()
            };
            format!("{}-{}-{}", who, one.bank.title, stamp())
        }
        _ => format!("考试记录-{}", stamp()),
    }
}

pub fn download_json(records: &[AttemptRecord]) -> Result<(), String> {
    download(
        &format!("{}.json", file_base(records)),
        "application/json",
        &export_with::<BrowserJson>(records, now()),
    )
}

pub fn download_csv(records: &[AttemptRecord]) -> Result<(), String> {
    download(
        &format!("{}.csv", file_base(records)),
        "text/csv;charset=utf-8",
        &attempts_csv(records, local_offset_min()),
    )
}

/// What 发送给老师 did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sent {
    /// The share sheet took the files.
    Shared,
    /// The trainee closed the share sheet.
    Cancelled,
    /// The browser cannot share files: the JSON was downloaded instead.
    Downloaded,
}

/// 发送给老师: the share sheet (Web Share) with the export's JSON and CSV files where the
/// browser can share files, so they go straight into a chat or a mail; elsewhere the JSON
/// download, as 下载结果 does.
pub async fn share_or_download(records: &[AttemptRecord]) -> Result<Sent, String> {
    let base = file_base(records);
    let json = export_with::<BrowserJson>(records, now());
    let csv = attempts_csv(records, local_offset_min());
    if let Some(sent) = share_files(
        &base,
        &[
            (format!("{base}.json"), "application/json", &json),
            (format!("{base}.csv"), "text/csv", &csv),
        ],
    )
    .await
    {
        return Ok(sent);
    }
    download(&format!("{base}.json"), "application/json", &json).map(|_| Sent::Downloaded)
}

/// `navigator.share({files})` when `navigator.canShare({files})` says yes; `None` when the
/// browser cannot (or the share failed other than by the trainee's cancel).
async fn share_files(title: &str, files: &[(String, &str, &String)]) -> Option<Sent> {
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::JsValue;
    let nav = web_sys::window()?.navigator();
    let method = |name: &str| {
        Reflect::get(&nav, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    let (can_share, share) = (method("canShare")?, method("share")?);
    let list = Array::new();
    for (name, mime, content) in files {
        let opts = web_sys::FilePropertyBag::new();
        opts.set_type(mime);
        let parts = Array::of1(&JsValue::from_str(content));
        let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &opts).ok()?;
        list.push(&file);
    }
    let data = Object::new();
    Reflect::set(&data, &JsValue::from_str("files"), &list).ok()?;
    Reflect::set(
        &data,
        &JsValue::from_str("title"),
        &JsValue::from_str(title),
    )
    .ok()?;
    if !can_share.call1(&nav, &data).ok()?.is_truthy() {
        return None;
    }
    let promise: js_sys::Promise = share.call1(&nav, &data).ok()?.dyn_into().ok()?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Some(Sent::Shared),
        Err(e) => {
            let name = Reflect::get(&e, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string());
            (name.as_deref() == Some("AbortError")).then_some(Sent::Cancelled)
        }
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The trainer desk's files: the cohort table for Excel, and the cohort (or only the trainer's
/// marks, for trainees) as JSON.
pub fn download_cohort_csv(content: &str) -> Result<(), String> {
    download(
        &format!("班级成绩表-{}.csv", stamp()),
        "text/csv;charset=utf-8",
        content,
    )
}

pub fn download_cohort_json(content: &str, marks_only: bool) -> Result<(), String> {
    let name = if marks_only {
        "培训老师批改"
    } else {
        "班级成绩"
    };
    download(
        &format!("{name}-{}.json", stamp()),
        "application/json",
        content,
    )
}

/// A bank's Markdown as a `.md` file.
pub fn download_bank(filename: &str, text: &str) -> Result<(), String> {
    download(filename, "text/markdown;charset=utf-8", text)
}

/// A bank exported to GIFT, Moodle XML or a spreadsheet.
pub fn download_export(filename: &str, bytes: &[u8]) -> Result<(), String> {
    let mime = match filename.rsplit('.').next() {
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("xml") => "application/xml;charset=utf-8",
        Some("csv") => "text/csv;charset=utf-8",
        _ => "text/plain;charset=utf-8",
    };
    download_bytes(filename, mime, bytes)
}

/// The File System Access API (Chrome, Edge), called by name: `web-sys` has no binding for
/// the pickers. A handle lets the editor write back to the file the trainer opened.
pub mod file_access {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn window_fn(name: &str) -> Option<Function> {
        let w = web_sys::window()?;
        Reflect::get(&w, &name.into()).ok()?.dyn_into().ok()
    }

    /// Whether this browser can open a file for writing back.
    pub fn available() -> bool {
        window_fn("showOpenFilePicker").is_some() && window_fn("showSaveFilePicker").is_some()
    }

    async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f: Function = Reflect::get(target, &method.into())?.dyn_into()?;
        let out = f.apply(target, &args.iter().collect::<js_sys::Array>())?;
        match out.dyn_into::<Promise>() {
            Ok(p) => JsFuture::from(p).await,
            Err(v) => Ok(v),
        }
    }

    fn md_options(suggested: Option<&str>) -> JsValue {
        let accept = js_sys::Object::new();
        let _ = Reflect::set(
            &accept,
            &"text/markdown".into(),
            &js_sys::Array::of2(&".md".into(), &".markdown".into()),
        );
        let kind = js_sys::Object::new();
        let _ = Reflect::set(&kind, &"description".into(), &"Markdown 题库".into());
        let _ = Reflect::set(&kind, &"accept".into(), &accept);
        let opts = js_sys::Object::new();
        let _ = Reflect::set(&opts, &"types".into(), &js_sys::Array::of1(&kind));
        if let Some(name) = suggested {
            let _ = Reflect::set(&opts, &"suggestedName".into(), &name.into());
        }
        opts.into()
    }

    /// Asks for a bank file: its handle, name and text; `None` when the trainer cancels.
    pub async fn open() -> Option<(JsValue, String, String)> {
        let w: JsValue = web_sys::window()?.into();
        let handles = call(&w, "showOpenFilePicker", &[md_options(None)])
            .await
            .ok()?;
        let handle = Reflect::get(&handles, &0.into()).ok()?;
        let file: web_sys::File = call(&handle, "getFile", &[]).await.ok()?.dyn_into().ok()?;
        let text = crate::app::fetch::read_file(&file).await.ok()?;
        Some((handle, file.name(), text))
    }

    /// Asks where to save and writes there: the new handle and file name, `Ok(None)` when
    /// the trainer cancels.
    pub async fn save_as(suggested: &str, text: &str) -> Result<Option<(JsValue, String)>, String> {
        let w: JsValue = web_sys::window().ok_or("没有浏览器窗口")?.into();
        let Ok(handle) = call(&w, "showSaveFilePicker", &[md_options(Some(suggested))]).await
        else {
            return Ok(None);
        };
        write(&handle, text).await?;
        let name = Reflect::get(&handle, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| suggested.to_string());
        Ok(Some((handle, name)))
    }

    /// Writes `text` to the file behind `handle` (the browser may ask for permission first).
    pub async fn write(handle: &JsValue, text: &str) -> Result<(), String> {
        let fail = |_| "无法写入文件：浏览器没有允许，请用“下载 .md”保存".to_string();
        let stream = call(handle, "createWritable", &[]).await.map_err(fail)?;
        call(&stream, "write", &[text.into()]).await.map_err(fail)?;
        call(&stream, "close", &[]).await.map_err(fail)?;
        Ok(())
    }
}
