// The page's side of signing (app/src/signer.rs): the key-file signer's Web Worker, a file
// read as base64, and NCALayer's WebSocket. A file of its own (copied to the site's root),
// imported by the modules that sign, so the public pages and the licence check, which never
// sign, neither download nor preload it.
let worker = null, ready = null;
function startWorker() {
  worker = new Worker('/signer_loader.js');
  ready = new Promise((resolve, reject) => {
    worker.onmessage = (e) => { try { if (JSON.parse(e.data).ready) resolve(); } catch (_) {} };
    worker.onerror = () => { worker = null; reject(new Error('worker-failed')); };
  });
}
export async function callSigner(request) {
  if (!worker) startWorker();
  await ready;
  return await new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = () => { worker = null; reject(new Error('worker-failed')); };
    worker.postMessage(request);
  });
}
export async function fileBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
export function ncaLayerSign(url, keyType, dataB64) {
  return new Promise((resolve, reject) => {
    let ws;
    try { ws = new WebSocket(url); } catch (_) { reject(new Error('ncalayer-unavailable')); return; }
    let answered = false;
    const done = (f, v) => { if (!answered) { answered = true; clearTimeout(timer); try { ws.close(); } catch (_) {} f(v); } };
    const timer = setTimeout(() => done(reject, new Error('ncalayer-timeout')), 180000);
    ws.onerror = () => done(reject, new Error('ncalayer-unavailable'));
    ws.onclose = () => done(reject, new Error('ncalayer-unavailable'));
    ws.onopen = () => ws.send(JSON.stringify({
      module: 'kz.gov.pki.knca.commonUtils', method: 'createCAdESFromBase64',
      args: ['PKCS12', keyType, dataB64, false],
    }));
    ws.onmessage = (e) => {
      let m; try { m = JSON.parse(e.data); } catch (_) { return; }
      if (m.result && m.result.version) return; // the greeting NCALayer sends on connect
      if (String(m.code) === '200' && m.responseObject) done(resolve, m.responseObject);
      else done(reject, new Error('ncalayer-refused:' + (m.message || m.code || '')));
    };
  });
}
