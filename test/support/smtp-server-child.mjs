// SMTP sink run as a separate process by smtp-server.ts. Plain ESM so it needs no TS loader.
// argv[2]: JSON { port, dir }. Reports { type: 'listening', port } over IPC, then answers
// { id, type } requests with { id, ok, error? }.
import { Buffer } from 'node:buffer';
import { readdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

const { port, dir } = JSON.parse(process.argv[2] ?? '{}');

// smtp-server holds every greeting for a hard-coded 100 ms to catch "early talkers"; no option
// turns it off. Skipping it saves 100 ms per nodemailer connection (one per non-pooled sendMail).
// Guarded so a future smtp-server without these internals just falls back to the delay.
if (
  typeof SMTPConnection.prototype.init === 'function' &&
  typeof SMTPConnection.prototype._setListeners === 'function' &&
  typeof SMTPConnection.prototype.connectionReady === 'function'
) {
  SMTPConnection.prototype.init = function init() {
    this._setListeners(() => this.connectionReady());
  };
}

/** FaultRules from smtp-server.ts, with each rcpt `match` compiled to `re`. */
let faults = compileFaults({});

function compileFaults(rules) {
  return {
    rcpt: (rules.rcpt ?? []).map((r) => ({ ...r, re: new RegExp(r.match, 'i') })),
    data: rules.data ? { ...rules.data } : null,
    dataDelayMs: rules.dataDelayMs ?? 0,
    replyDelayMs: rules.replyDelayMs ?? 0,
    closeMidData: rules.closeMidData ? { ...rules.closeMidData } : null,
    silentAfterData: rules.silentAfterData ? { store: true, ...rules.silentAfterData } : null,
  };
}

/** Whether a counted fault applies to this message (and counts it): times -1 = always. */
function takes(fault) {
  if (!fault || fault.times === 0) return false;
  if (fault.times > 0) fault.times -= 1;
  return true;
}

/** Every reply the server gives (greeting, MAIL FROM, RCPT TO, end of DATA) waits this long. */
const slowReply = () => (faults.replyDelayMs > 0 ? sleep(faults.replyDelayMs) : Promise.resolve());

/** The connection of a session: to drop it mid-transaction, as a crashing or overloaded MTA does. */
function connectionOf(session) {
  for (const connection of server.connections) if (connection.id === session.id) return connection;
  return null;
}

// Continue numbering after files left by a previous run on the same dir (restart()), so that
// sorting by name stays sorting by arrival.
let seq = readdirSync(dir).reduce((max, name) => {
  const m = /^(\d+)\.eml$/.exec(name);
  return m ? Math.max(max, Number(m[1])) : max;
}, 0);

function smtpError(code, message) {
  const err = new Error(message);
  err.responseCode = code;
  return err;
}

async function writeAtomic(file, data) {
  const tmp = join(dir, `.${file}.tmp`);
  await writeFile(tmp, data);
  await rename(tmp, join(dir, file));
}

async function store(raw, session) {
  seq += 1;
  const base = String(seq).padStart(6, '0');
  const envelope = {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
    authUser: session.user ?? null,
    receivedAt: new Date().toISOString(),
  };
  // Sidecar first: once the .eml is visible the parent may read both.
  await writeAtomic(`${base}.json`, JSON.stringify(envelope, null, 2));
  await writeAtomic(`${base}.eml`, raw);
}

const server = new SMTPServer({
  name: 'regua-test-smtp',
  banner: 'Regua test SMTP',
  logger: false,
  disableReverseLookup: true,
  // No TLS at all: without this nodemailer would try STARTTLS against smtp-server's built-in cert.
  disabledCommands: ['STARTTLS'],
  hideSTARTTLS: true,
  authOptional: true,
  allowInsecureAuth: true,
  authMethods: ['PLAIN', 'LOGIN'],
  // Idle connections (e.g. a pooled transport) must not keep stop()'s graceful paths waiting.
  socketTimeout: 10_000,
  closeTimeout: 500,
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username });
  },
  onConnect(_session, callback) {
    void slowReply().then(() => callback());
  },
  onMailFrom(_address, _session, callback) {
    void slowReply().then(() => callback());
  },
  onRcptTo(address, _session, callback) {
    void slowReply().then(() => {
      const rule = faults.rcpt.find((r) => r.re.test(address.address));
      callback(rule ? smtpError(rule.code, rule.message) : undefined);
    });
  },
  onData(stream, session, callback) {
    const chunks = [];
    let dropped = false;
    stream.on('data', (chunk) => {
      chunks.push(chunk);
      // The connection goes away in the middle of the message: nothing stored, no reply.
      if (!dropped && takes(faults.closeMidData)) {
        dropped = true;
        connectionOf(session)?._socket.destroy();
      }
    });
    stream.on('end', () => {
      if (dropped) return;
      void (async () => {
        if (takes(faults.data)) {
          await slowReply();
          return callback(smtpError(faults.data.code, faults.data.message));
        }
        // Stored before the delay, like a real MTA that commits before replying 250: a sender
        // killed during the delay has delivered the message without hearing so.
        const silent = takes(faults.silentAfterData) ? faults.silentAfterData : null;
        if (!silent || silent.store) await store(Buffer.concat(chunks), session);
        // The final dot is never answered; `close`: the connection is then closed (FIN), as by
        // an MTA that committed the message and went away before replying.
        if (silent) return void (silent.close && connectionOf(session)?._socket.end());
        if (faults.dataDelayMs > 0) await sleep(faults.dataDelayMs);
        await slowReply();
        callback();
      })().catch((err) => callback(smtpError(451, `Local error: ${err.message}`)));
    });
  },
});

// smtp-server also emits a client's connection errors here (ECONNRESET when a sender is killed
// mid-session, as the kill -9 tests do): once listening, those are the client's business, and
// exiting on them would take the server down for every later test. Only a failure to listen ends it.
let listening = false;
server.on('error', (err) => {
  if (listening) return;
  process.send?.({ type: 'error', message: err.message, code: err.code });
  process.exit(1);
});

process.on('message', (msg) => {
  if (msg.type === 'setFaults') {
    try {
      faults = compileFaults(msg.rules ?? {});
      process.send?.({ id: msg.id, ok: true });
    } catch (err) {
      process.send?.({ id: msg.id, ok: false, error: err.message });
    }
  } else {
    process.send?.({ id: msg.id, ok: false, error: `unknown request ${msg.type}` });
  }
});

// The parent (vitest worker) died or dropped us: never linger holding the port.
process.on('disconnect', () => process.exit(0));

server.listen(port, '127.0.0.1', () => {
  listening = true;
  process.send?.({ type: 'listening', port: server.server.address().port });
});
