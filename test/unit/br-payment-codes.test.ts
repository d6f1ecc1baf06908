// Boleto linha digitável (bank and collection slips) and PIX copia e cola.
import { isValidBoleto } from '@brazilian-utils/brazilian-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bankLineToBarcode,
  barcodeToBankLine,
  buildBankBarcode,
  buildBankLine,
  buildCollectionLine,
  buildPixCode,
  crc16,
  dueDateOfFactor,
  dueFactorOf,
  parseDigitableLine,
  parsePixCode,
} from '../../shared/br';
import { addDays } from '../../shared/calendar';

describe('due factor', () => {
  it('restarts at 1000 on 22/02/2025, after 9999 on 21/02/2025', () => {
    expect(dueFactorOf('2025-02-21')).toBe(9999);
    expect(dueFactorOf('2025-02-22')).toBe(1000);
    expect(dueFactorOf('2000-07-03')).toBe(1000);
    expect(dueFactorOf('2026-12-10')).toBe(1656);
    expect(dueDateOfFactor(1000)).toBe('2025-02-22');
    expect(dueDateOfFactor(1000, '2001-01-01')).toBe('2000-07-03');
    expect(dueDateOfFactor(9999, '2025-01-01')).toBe('2025-02-21');
    expect(dueDateOfFactor(0)).toBeNull();
  });
});

describe('bank boleto linha digitável', () => {
  it('reads independently published examples', () => {
    // @brazilian-utils documentation (getBoletoInfo example): Banco do Brasil, R$ 1.026,56, 15/07/2018.
    expect(parseDigitableLine('00190000090114971860168524522114675860000102656', '2018-07-01')).toEqual({
      ok: true,
      value: {
        kind: 'bank',
        digits: '00190000090114971860168524522114675860000102656',
        formatted: '00190.00009 01149.718601 68524.522114 6 75860000102656',
        barcode44: '00196758600001026560000001149718606852452211',
        bankCode: '001',
        currency: '9',
        dueFactor: 7586,
        dueDate: '2018-07-15',
        amountCents: 102656,
      },
    });
    // brcobranca (kivanio/brcobranca), spec/brcobranca/boleto/banco_brasil_spec.rb: R$ 135,00, factor 3769.
    expect(
      parseDigitableLine('00190.00009 01238.798977 77700.168188 3 37690000013500', '2008-01-01'),
    ).toMatchObject({
      ok: true,
      value: { bankCode: '001', amountCents: 13500, dueDate: '2008-02-01' },
    });
  });

  it('builds lines that check, from bank, due date, amount and free field, and reads them back', () => {
    const line = buildBankLine({
      bankCode: '237',
      dueDate: '2026-03-15',
      amountCents: 9990,
      freeField: '3381260082677099320000633',
    });
    expect(line).toBe('23793.38128 60082.677091 93200.006331 4 13860000009990');
    expect(isValidBoleto(line.replace(/\D/g, ''))).toBe(true); // the library agrees
    expect(parseDigitableLine(line)).toMatchObject({
      ok: true,
      value: { bankCode: '237', dueDate: '2026-03-15', amountCents: 9990 },
    });
  });

  it('converts linha ↔ 44-digit barcode and accepts a barcode as input', () => {
    const barcode = buildBankBarcode({
      bankCode: '341',
      dueDate: '2026-01-10',
      amountCents: 12990,
      freeField: '1091234567812340123451000',
    });
    expect(barcode).toHaveLength(44);
    expect(bankLineToBarcode(barcodeToBankLine(barcode))).toBe(barcode);
    expect(parseDigitableLine(barcode)).toMatchObject({
      ok: true,
      value: { barcode44: barcode, amountCents: 12990 },
    });
  });

  it('a boleto without amount or due date has null for them', () => {
    const line = buildBankLine({
      bankCode: '104',
      dueDate: null,
      amountCents: null,
      freeField: '1'.repeat(25),
    });
    expect(parseDigitableLine(line)).toMatchObject({ ok: true, value: { dueDate: null, amountCents: null } });
  });

  it('names the check digit that fails', () => {
    const good = '23793381286008267709193200006331413860000009990';
    const flip = (i: number) => good.slice(0, i) + String((Number(good[i]) + 1) % 10) + good.slice(i + 1);
    expect(parseDigitableLine(flip(2))).toEqual({
      ok: false,
      error: 'linha digitável inválida: o dígito verificador do campo 1 não confere',
    });
    expect(parseDigitableLine(flip(12))).toMatchObject({ error: expect.stringContaining('campo 2') });
    expect(parseDigitableLine(flip(25))).toMatchObject({ error: expect.stringContaining('campo 3') });
    expect(parseDigitableLine(flip(40))).toMatchObject({
      error: expect.stringContaining('dígito verificador geral'),
    });
    expect(parseDigitableLine('1234')).toEqual({
      ok: false,
      error:
        'linha digitável inválida: tem 4 dígitos (boleto bancário tem 47, convênio 48, código de barras 44)',
    });
    expect(parseDigitableLine('2379x')).toMatchObject({
      ok: false,
      error: expect.stringContaining('só números'),
    });
  });

  it('the example that used to be in the layout preview is refused', () => {
    expect(parseDigitableLine('23793.38128 60082.677099 32000.063305 8 13990000009990').ok).toBe(false);
  });

  it('property: build → parse round-trips; the library agrees', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{3}$/),
        fc.integer({ min: 0, max: 8_999 }),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        fc.stringMatching(/^\d{25}$/),
        (bankCode, days, amountCents, freeField) => {
          const dueDate = addDays('2025-02-22', days);
          const line = buildBankLine({ bankCode, dueDate, amountCents, freeField });
          const parsed = parseDigitableLine(line);
          expect(parsed).toMatchObject({ ok: true, value: { bankCode, dueDate, amountCents } });
          expect(isValidBoleto(line.replace(/\D/g, ''))).toBe(true);
        },
      ),
    );
  });

  it('property: any 47 digits are accepted exactly when the library accepts them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{47}$/), (digits) => {
        expect(parseDigitableLine(digits).ok).toBe(isValidBoleto(digits));
      }),
    );
  });

  it('property: any string never throws, it only returns an error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\d .]{0,60}$/)), (s) => {
        const r = parseDigitableLine(s);
        if (!r.ok) expect(r.error).toMatch(/linha digitável/);
      }),
    );
  });
});

describe('collection slips (48 digits, arrecadação)', () => {
  it('reads the published example and its amount', () => {
    // @brazilian-utils documentation (getBoletoInfo example): segment 4 (telecom), R$ 24,61, módulo 10.
    expect(parseDigitableLine('84610000000-5 24610029110-2 00546033900-4 69589506108-0')).toMatchObject({
      ok: true,
      value: { kind: 'collection', amountCents: 2461, segment: 4, bankCode: null, dueDate: null },
    });
  });

  it('builds módulo 10 and módulo 11 slips that check, and reads the amount only when it is money', () => {
    for (const identifier of ['6', '7', '8', '9'] as const) {
      const line = buildCollectionLine({
        segment: 2,
        identifier,
        amountCents: 15073,
        rest: '0'.repeat(10) + '1'.repeat(19),
      });
      expect(isValidBoleto(line.replace(/\D/g, ''))).toBe(true);
      const parsed = parseDigitableLine(line);
      expect(parsed).toMatchObject({
        ok: true,
        value: { amountCents: identifier === '6' || identifier === '8' ? 15073 : null, segment: 2 },
      });
      if (parsed.ok) expect(parseDigitableLine(parsed.value.barcode44)).toMatchObject({ ok: true });
    }
  });

  it('names the block whose check digit fails', () => {
    const line = buildCollectionLine({ segment: 4, identifier: '8', amountCents: 100, rest: '2'.repeat(29) });
    const digits = line.replace(/\D/g, '');
    const broken = digits.slice(0, 30) + String((Number(digits[30]) + 1) % 10) + digits.slice(31);
    expect(parseDigitableLine(broken)).toEqual({
      ok: false,
      error: 'linha digitável de convênio inválida: o dígito verificador do bloco 3 não confere',
    });
  });
});

describe('PIX copia e cola', () => {
  const code = buildPixCode({
    key: 'financeiro@provedor.example',
    merchantName: 'Provedor Exemplo',
    merchantCity: 'São Paulo',
    amountCents: 9990,
    txid: 'FAT0001',
  });

  it('reads a valid code and its amount', () => {
    expect(parsePixCode(code)).toMatchObject({
      ok: true,
      value: {
        amountCents: 9990,
        key: 'financeiro@provedor.example',
        txid: 'FAT0001',
        merchantCity: 'Sao Paulo',
      },
    });
    // The static example of the BR Code manual as quoted by @brazilian-utils: no amount.
    expect(
      parsePixCode(
        '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000' +
          '5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D',
      ),
    ).toMatchObject({ ok: true, value: { amountCents: null, merchantName: 'Fulano de Tal' } });
  });

  it('CRC16 is CRC-16/CCITT-FALSE', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('refuses a bad CRC, a missing tag, a wrong currency, a truncated code', () => {
    expect(parsePixCode(`${code.slice(0, -4)}0000`)).toEqual({
      ok: false,
      error:
        'PIX copia e cola inválido: o CRC (campo 63) não confere — o código foi alterado ou copiado pela metade',
    });
    const withCrc = (body: string) => `${body}6304${crc16(`${body}6304`)}`;
    const body = code.slice(0, -8);
    expect(parsePixCode(withCrc(body.replace('5802BR', '')))).toEqual({
      ok: false,
      error: 'PIX copia e cola inválido: falta o campo 58 (país)',
    });
    expect(parsePixCode(withCrc(body.replace('5303986', '5303840')))).toEqual({
      ok: false,
      error: 'PIX copia e cola inválido: moeda (campo 53) deve ser 986, o real',
    });
    expect(parsePixCode(withCrc(body.replace('br.gov.bcb.pix', 'br.gov.bcb.pax')))).toMatchObject({
      ok: false,
      error: expect.stringContaining('br.gov.bcb.pix'),
    });
    expect(parsePixCode(code.slice(0, 40))).toMatchObject({
      ok: false,
      error: expect.stringContaining('estrutura'),
    });
  });

  it('property: any string never throws, it only returns an error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constant(code).map((c) => c.slice(0, -3)),
        ),
        (s) => {
          const r = parsePixCode(s);
          expect(r.ok === true || typeof r.error === 'string').toBe(true);
        },
      ),
    );
  });

  it('property: build → parse keeps the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (amountCents) => {
        const pix = buildPixCode({
          key: '+5511987654321',
          merchantName: 'X',
          merchantCity: 'Y',
          amountCents,
        });
        expect(parsePixCode(pix)).toMatchObject({ ok: true, value: { amountCents } });
      }),
    );
  });
});
