//! The service worker: registering it, noticing a new version, and switching
//! to it only when the counsellor asks (never in the middle of a questionnaire).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

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
/// older one controls the page.
pub fn register(on_update: impl Fn() + Clone + 'static) {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("sw.js")).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && container.controller().is_some() {
            on_update();
        }
        let found = {
            let reg = reg.clone();
            let container = container.clone();
            Closure::<dyn Fn()>::new(move || {
                let Some(worker) = reg.installing() else {
                    return;
                };
                let (w, container, on_update) =
                    (worker.clone(), container.clone(), on_update.clone());
                let changed = Closure::<dyn Fn()>::new(move || {
                    if w.state() == ServiceWorkerState::Installed
                        && container.controller().is_some()
                    {
                        on_update();
                    }
                });
                worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
                changed.forget();
            })
        };
        reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
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
        let Some(waiting): Option<ServiceWorker> = reg.waiting() else {
            return;
        };
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
    });
}
