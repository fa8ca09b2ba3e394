//! The service worker: registering it, noticing a new version, and switching
//! to it only when the counsellor asks (never in the middle of a questionnaire).

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::ServiceWorkerRegistration;

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent in insecure contexts and some embedded browsers: then there is simply no offline mode.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|has| *has)?;
    Some(navigator.service_worker())
}

/// Registers `sw.js` beside the tablet app's page: a relative URL, as the app
/// is served under any path, and the worker's scope is the directory it is in.
/// `on_update` is called once a new version is installed and waiting while an
/// older one controls the page, whether it was found before this page loaded,
/// while it loaded (still installing), or later.
pub fn register(on_update: impl FnOnce() + 'static) {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("sw.js")).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        while reg.waiting().is_none() || container.controller().is_none() {
            // The next change: the installing worker's state, or a new worker found.
            let changed = Promise::new(&mut |resolve, _| match reg.installing() {
                Some(worker) => worker.set_onstatechange(Some(&resolve)),
                None => reg.set_onupdatefound(Some(&resolve)),
            });
            let _ = JsFuture::from(changed).await;
        }
        on_update();
    });
}

/// Asks the waiting worker to take over, then reloads once it controls the page.
pub fn apply_update() {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Ok(ready) = container.ready() else { return };
        let Ok(reg) = JsFuture::from(ready).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        let Some(waiting) = reg.waiting() else {
            return;
        };
        let taken_over = Promise::new(&mut |resolve, _| {
            container.set_oncontrollerchange(Some(&resolve));
        });
        let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
        let _ = JsFuture::from(taken_over).await;
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
}
