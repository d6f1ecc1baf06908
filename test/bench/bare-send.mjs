// The bare baseline of the `regua run` bench (cli-run.ts), as a process of its own so that its start is
// timed too: nodemailer's pool (5 connections, as Régua's mailer) sending COUNT copies of one message,
// composed by Régua beforehand (subject, HTML, text, PDF), each to its own address.
// Usage: node test/bench/bare-send.mjs PORT COUNT MESSAGE.json
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';

const [port, count, file] = process.argv.slice(2);
const message = JSON.parse(readFileSync(file, 'utf8'));
const pdf = { filename: message.pdf.filename, content: Buffer.from(message.pdf.base64, 'base64') };
const transport = nodemailer.createTransport({
  pool: true,
  maxConnections: 5,
  host: '127.0.0.1',
  port: Number(port),
  secure: false,
  ignoreTLS: true,
  auth: { user: 'regua', pass: 'segredo' },
});
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    transport.sendMail({
      from: { name: 'Conecta Fibra', address: 'cobranca@conectafibra.example' },
      to: `cliente.${i}@cliente.example`,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: `<bench.${i}@conectafibra.example>`,
      attachments: [{ ...pdf, contentType: 'application/pdf' }],
      headers: { 'X-Regua-Notice': `bench|${i}` },
    }),
  ),
);
transport.close();
