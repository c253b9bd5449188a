// The sentences lib/ writes about servers are recognised: in English the catalogue gives back
// exactly what lib wrote (so the two cannot drift apart unnoticed), in French a French sentence
// with the server's own words kept as they were.
import { describe, expect, it } from 'vitest';
import { describeImapError } from '../inbox/describe-imap-error';
import { classifySendError } from '../mail/classify-send-error';
import { explainServerMessage, type ServerMessageT } from './explain-server-message';
import { getTranslator } from './get-translator';

const tFor =
  (locale: 'en' | 'fr'): ServerMessageT =>
  (key, values) =>
    getTranslator(locale)(`serverMessages.${key}`, values);

const smtp = (response: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(response), { response, responseCode: Number(response.slice(0, 3)), ...extra });
const imap = (props: Record<string, unknown>) => Object.assign(new Error('imap'), props);
const where = { host: 'imap.example.fr', port: 993 };

const messages = [
  classifySendError(
    smtp('550 5.1.1 mailbox unavailable', {
      code: 'EENVELOPE',
      rejectedErrors: [smtp('550 5.1.1 mailbox unavailable')],
    }),
  ).message,
  classifySendError(smtp('535 5.7.8 Username and Password not accepted', { code: 'EAUTH' })).message,
  classifySendError(smtp('554 5.7.1 Message rejected as spam')).message,
  classifySendError(smtp('451 4.3.0 Try again later')).message,
  classifySendError(smtp('550 5.4.5 Daily user sending quota exceeded')).message,
  classifySendError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))
    .message,
  classifySendError(
    Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', timeoutType: 'greeting' }),
  ).message,
  classifySendError(Object.assign(new Error('getaddrinfo ENOTFOUND smtp.nope'), { code: 'EDNS' })).message,
  classifySendError(new Error('something odd')).message,
  describeImapError(
    imap({ authenticationFailed: true, responseText: 'A1 NO Authentication failed.' }),
    where,
  ),
  describeImapError(imap({ mailboxMissing: true, path: 'Factures' }), where),
  describeImapError(imap({ code: 'ECONNREFUSED' }), where),
  describeImapError(imap({ code: 'ENOTFOUND' }), where),
  describeImapError(imap({ code: 'ETIMEDOUT' }), where),
  'Connected to smtp.gmail.com:465 over TLS and signed in as billing@acme.com. The server said: 220 smtp.gmail.com ESMTP / 235 2.7.0 Accepted',
  'Connected to relay.local:25 without encryption without signing in (no username set).',
  'Could not use smtp.example.com:587. The server refused the sign-in: 535 5.7.8 Username and Password not accepted',
  'Cancelled before it was sent.',
  classifySendError(
    Object.assign(new Error('connect EHOSTUNREACH 10.0.0.9:587'), {
      code: 'ESOCKET',
      originalCode: 'EHOSTUNREACH',
      command: 'CONN',
    }),
  ).message,
  classifySendError(Object.assign(new Error('Error initiating TLS'), { code: 'ETLS' })).message,
];

describe('explainServerMessage', () => {
  it('gives back in English exactly what lib wrote', () => {
    for (const message of messages) expect(explainServerMessage(tFor('en'), message)).toBe(message);
  });

  it('writes each one in French, keeping the server’s words', () => {
    const french = messages.map((m) => explainServerMessage(tFor('fr'), m));
    for (const [i, f] of french.entries()) expect(f, messages[i]).not.toBe(messages[i]);
    expect(french[0]).toBe('Le serveur a refusé le destinataire\u202f: 550 5.1.1 mailbox unavailable');
    expect(french[9]).toContain('(«\u202fAuthentication failed.\u202f»)');
    expect(french[14]).toBe(
      'Connexion à smtp.gmail.com:465 en TLS et identification réussie en tant que billing@acme.com. Le serveur a répondu\u202f: 220 smtp.gmail.com ESMTP / 235 2.7.0 Accepted',
    );
    expect(french[16]).toBe(
      'Impossible d’utiliser smtp.example.com:587. Le serveur a refusé l’identification\u202f: 535 5.7.8 Username and Password not accepted',
    );
  });

  it('shows a sentence it does not know as it is', () => {
    expect(explainServerMessage(tFor('fr'), 'Something new happened')).toBe('Something new happened');
  });
});
