// bench/upload.ts's client, in a process of its own so its request bodies are not counted in
// the server's memory: sends N concurrent multipart uploads of SIZE bytes (a PDF header, then
// spaces) and prints their statuses as JSON.
const { UPLOAD_URL, COOKIE, CSRF, ORIGIN, N, SIZE } = process.env;
const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(Number(SIZE), 0x20)]);
const statuses = await Promise.all(
  Array.from({ length: Number(N) }, async () => {
    const form = new FormData();
    form.append('file', new Blob([body]), 'scan.pdf');
    const res = await fetch(UPLOAD_URL, { method: 'POST', headers: { cookie: COOKIE, origin: ORIGIN, 'x-csrf-token': CSRF }, body: form });
    await res.arrayBuffer();
    return res.status;
  }),
);
console.log(JSON.stringify(statuses));
