//! Fetches course files from the static host, relative to the page, so the app works under any
//! sub-path. `no-cache` revalidates, so a trainer's edit shows on the next load without a rebuild.
//! Within one page load every program reads the same texts: the first program to fetch a file
//! keeps its text in `window.kefuFiles`, and the next program opened takes it from there instead
//! of asking the network again (so the trainee's exam shows the bank its start screen showed).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The request `index.html`'s inline script started for this file while the program was still
/// downloading (`window.kefuEarly`), taken so it is used once.
fn early_request(window: &web_sys::Window, path: &str) -> Option<js_sys::Promise> {
    let early = js_sys::Reflect::get(window, &"kefuEarly".into()).ok()?;
    let key = wasm_bindgen::JsValue::from_str(path);
    let request = js_sys::Reflect::get(&early, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(early.dyn_ref::<js_sys::Object>()?, &key);
    request.dyn_into().ok()
}

/// The page's texts of course files (`window.kefuFiles`), created on first use.
fn page_files(window: &web_sys::Window) -> Option<js_sys::Object> {
    let key = wasm_bindgen::JsValue::from_str("kefuFiles");
    match js_sys::Reflect::get(window, &key)
        .ok()?
        .dyn_into::<js_sys::Object>()
    {
        Ok(files) => Some(files),
        Err(_) => {
            let files = js_sys::Object::new();
            js_sys::Reflect::set(window, &key, &files).ok()?;
            Some(files)
        }
    }
}

/// The file's text, `Ok(None)` if the host says it does not exist, or an error message.
pub async fn fetch_text(path: &str) -> Result<Option<String>, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let files = page_files(&window);
    let key = wasm_bindgen::JsValue::from_str(path);
    if let Some(text) = files
        .as_ref()
        .and_then(|f| js_sys::Reflect::get(f, &key).ok())
        .and_then(|t| t.as_string())
    {
        return Ok(Some(text));
    }
    let early = match early_request(&window, path) {
        Some(request) => JsFuture::from(request).await.ok(),
        None => None,
    };
    let resp = match early {
        Some(resp) => resp,
        // Not asked for early, or that request failed: ask now.
        None => {
            let init = web_sys::RequestInit::new();
            init.set_cache(web_sys::RequestCache::NoCache);
            JsFuture::from(window.fetch_with_str_and_init(path, &init))
                .await
                .map_err(|_| format!("无法下载 {path}：请检查网络连接"))?
        }
    };
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "下载结果不是响应")?;
    if resp.status() == 404 {
        return Ok(None);
    }
    if !resp.ok() {
        return Err(format!("下载 {path} 失败：HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "无法读取响应")?)
        .await
        .map_err(|_| format!("无法读取 {path}"))?;
    if let Some(files) = &files {
        let _ = js_sys::Reflect::set(files, &key, &text);
    }
    Ok(text.as_string())
}

/// Reads a file the trainee picked or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("无法读取文件 {}", file.name()))?;
    text.as_string().ok_or_else(|| "文件不是文本".to_string())
}

/// Reads a picked or dropped file's bytes (spreadsheets are not text).
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("无法读取文件 {}", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
