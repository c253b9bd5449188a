// Free-text bounces that carry no report part, and what is not a bounce, read by mailparser as the
// sync reads them.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readAutomatic } from './read-automatic';

const read = async (raw: string) => readAutomatic(await simpleParser(raw.replace(/\n/g, '\r\n')));

describe('readAutomatic', () => {
  it('reads an old-style Gmail failure: the address, permanent, and the returned Message-ID', async () => {
    const found = await read(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: office@example.test
Subject: Delivery Status Notification (Failure)
Message-ID: <dsn-1@mx.google.com>

Delivery to the following recipient failed permanently:

     someone@client.example

Technical details of permanent failure:
The email account that you tried to reach does not exist.

----- Original message -----

Message-ID: <ours-1@example.test>
Subject: Invoice
`);
    expect(found).toEqual({
      automatic: 'bounce',
      bounce: {
        originalMessageId: '<ours-1@example.test>',
        recipients: [
          {
            address: 'someone@client.example',
            hard: true,
            status: null,
            diagnostic: expect.stringContaining('someone@client.example'),
          },
        ],
      },
    });
  });

  it('takes a delivery report that says "delivered" for a delivery report, and a person’s mail for nothing', async () => {
    const delivered = await read(`From: MAILER-DAEMON@relay.example
To: office@example.test
Subject: Successful Mail Delivery Report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Your message was delivered.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example

Final-Recipient: rfc822; ok@client.example
Action: delivered
Status: 2.0.0
--b--
`);
    expect(delivered).toEqual({
      automatic: 'delivery-report',
      bounce: {
        originalMessageId: null,
        recipients: [
          {
            address: 'ok@client.example',
            hard: false,
            status: '2.0.0',
            diagnostic: null,
            outcome: 'delivered',
          },
        ],
      },
    });
    const person = await read(`From: Anne <anne@client.example>
To: office@example.test
Subject: Undelivered parcel, can you help?
Message-ID: <p-1@client.example>

Hello, my parcel was returned.
`);
    expect(person).toEqual({ automatic: null, bounce: null });
  });

  it('reads a mixed report: the failed recipient bounces, the relayed one is delivered', async () => {
    const found = await read(`From: MAILER-DAEMON@relay.example
To: office@example.test
Subject: Delivery Status Notification
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Report.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example

Final-Recipient: rfc822; gone@client.example
Action: failed
Status: 5.1.1

Final-Recipient: rfc822; far@client.example
Action: relayed
Status: 2.0.0
--b
Content-Type: text/rfc822-headers

Message-ID: <ours-2@example.test>
--b--
`);
    expect(found).toEqual({
      automatic: 'bounce',
      bounce: {
        originalMessageId: '<ours-2@example.test>',
        recipients: [
          { address: 'gone@client.example', hard: true, status: '5.1.1', diagnostic: null },
          {
            address: 'far@client.example',
            hard: false,
            status: '2.0.0',
            diagnostic: null,
            outcome: 'delivered',
          },
        ],
      },
    });
  });
});
