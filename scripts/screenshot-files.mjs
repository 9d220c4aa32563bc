// Real files for the media screenshots (scripts/screenshot.mjs): a WAV and a PDF made here in Node, and
// the pictures and the video made in the page (a canvas, and MediaRecorder over its stream), so that
// every file passes the SDK's checks of name, type and leading bytes, as a person's file would.

/** A mono 16-bit PCM WAV: `seconds` of a soft two-note chime (fade in and out), 16 kHz. */
export function wavBytes(seconds = 2) {
  const rate = 16_000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const f = t < seconds / 2 ? 660 : 880;
    const envelope = Math.min(1, t / 0.05, (seconds - t) / 0.3);
    data.writeInt16LE(Math.round(Math.sin(2 * Math.PI * f * t) * envelope * 0.4 * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A valid one-page A4 PDF (catalog, pages, page, content stream, Helvetica; a correct xref table). */
export function pdfBytes(lines) {
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 60 ${770 - i * 28} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * Runs in the page (pass it to page.evaluate): paints pictures that look like photos and records a short
 * MP4 of a turning wheel from a canvas stream. Answers each file as { name, type, base64 }.
 * `noisy`: a picture whose grain makes it large (a few hundred KB), for an upload slow enough to watch.
 */
export async function makePageFiles({ noisy }) {
  const canvas = (w, h) => Object.assign(document.createElement('canvas'), { width: w, height: h });
  const toBase64 = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return window.btoa(s);
  };
  const encode = (c, type, quality) => new Promise((resolve) => c.toBlob(resolve, type, quality));

  // A landscape at dusk: sky gradient, sun, two hills, a road, a bicycle.
  function landscape(ctx, w, h, hue) {
    const sky = ctx.createLinearGradient(0, 0, 0, h * 0.7);
    sky.addColorStop(0, `hsl(${hue} 70% 45%)`);
    sky.addColorStop(1, `hsl(${hue + 30} 90% 75%)`);
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, w, h);
    const sun = ctx.createRadialGradient(w * 0.7, h * 0.38, 4, w * 0.7, h * 0.38, w * 0.14);
    sun.addColorStop(0, 'rgb(255 250 220)');
    sun.addColorStop(1, 'rgb(255 200 120 / 0)');
    ctx.fillStyle = sun;
    ctx.fillRect(0, 0, w, h);
    for (const [y, color] of [[0.62, 'hsl(150 30% 32%)'], [0.7, 'hsl(140 35% 24%)']]) {
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(0, h);
      for (let x = 0; x <= w; x += 8) ctx.lineTo(x, h * y + Math.sin(x / (w / 5) + y * 9) * h * 0.05);
      ctx.lineTo(w, h);
      ctx.fill();
    }
    ctx.fillStyle = 'hsl(30 10% 30%)';
    ctx.fillRect(0, h * 0.84, w, h * 0.16);
    const r = h * 0.09;
    const [x0, y0] = [w * 0.32, h * 0.84 - r];
    ctx.strokeStyle = 'rgb(20 20 24)';
    ctx.lineWidth = Math.max(3, r / 9);
    for (const cx of [x0, x0 + r * 2.6]) {
      ctx.beginPath();
      ctx.arc(cx, y0, r, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.strokeStyle = 'hsl(0 75% 45%)';
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x0 + r * 1.1, y0 - r * 0.9);
    ctx.lineTo(x0 + r * 2.2, y0 - r * 0.9);
    ctx.lineTo(x0 + r * 2.6, y0);
    ctx.moveTo(x0 + r * 1.1, y0 - r * 0.9);
    ctx.lineTo(x0 + r * 1.4, y0);
    ctx.lineTo(x0 + r * 2.2, y0 - r * 0.9);
    ctx.stroke();
  }

  const photo = canvas(800, 600);
  landscape(photo.getContext('2d'), 800, 600, 210);
  const portrait = canvas(600, 800);
  landscape(portrait.getContext('2d'), 600, 800, 330);
  const files = {
    photo: { name: 'bike-after-tune-up.jpg', type: 'image/jpeg', base64: await toBase64(await encode(photo, 'image/jpeg', 0.88)) },
    portrait: { name: 'my-old-saddle.png', type: 'image/png', base64: await toBase64(await encode(portrait, 'image/png')) },
  };
  if (noisy) {
    const big = canvas(800, 600);
    const ctx = big.getContext('2d');
    landscape(ctx, 800, 600, 20);
    const grain = ctx.getImageData(0, 0, 800, 600);
    for (let i = 0; i < grain.data.length; i += 4) grain.data[i] = grain.data[i + 1] = (grain.data[i + 1] + Math.random() * 90) | 0;
    ctx.putImageData(grain, 0, 0);
    files.noisy = { name: 'receipt-photo.jpg', type: 'image/jpeg', base64: await toBase64(await encode(big, 'image/jpeg', 0.95)) };
  }

  // 1.2 s of a wheel turning over a gradient, recorded as MP4 (H.264 where the browser has it).
  const video = canvas(640, 360);
  const vctx = video.getContext('2d');
  const mimeType = ['video/mp4;codecs=avc1', 'video/mp4'].find((t) => window.MediaRecorder?.isTypeSupported(t));
  if (mimeType) {
    const recorder = new window.MediaRecorder(video.captureStream(30), { mimeType });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
    recorder.start();
    const t0 = performance.now();
    await new Promise((resolve) => {
      const frame = () => {
        const t = (performance.now() - t0) / 1000;
        landscape(vctx, 640, 360, 200 + t * 40);
        vctx.save();
        vctx.translate(320, 180);
        vctx.rotate(t * 3);
        vctx.strokeStyle = 'rgb(240 240 240)';
        vctx.lineWidth = 3;
        vctx.beginPath();
        vctx.arc(0, 0, 70, 0, Math.PI * 2);
        for (let k = 0; k < 12; k++) {
          vctx.moveTo(0, 0);
          vctx.lineTo(70 * Math.cos((k * Math.PI) / 6), 70 * Math.sin((k * Math.PI) / 6));
        }
        vctx.stroke();
        vctx.restore();
        if (t < 1.2) window.requestAnimationFrame(frame);
        else resolve();
      };
      frame();
    });
    recorder.stop();
    await stopped;
    files.video = { name: 'wheel-truing.mp4', type: 'video/mp4', base64: await toBase64(new Blob(chunks, { type: 'video/mp4' })) };
  }
  return files;
}
