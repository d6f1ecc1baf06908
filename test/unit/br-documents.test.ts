// CPF, CNPJ (numeric and the alphanumeric of IN RFB 2.229/2024), phone, CEP and UF.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCep, checkCnpj, checkCpf, checkPhone, checkTaxId, checkUf } from '../../shared/br';

describe('CPF', () => {
  it('accepts valid CPFs with or without punctuation and formats them', () => {
    // 111.444.777-35 is the worked example of most CPF check-digit explanations.
    expect(checkCpf('111.444.777-35')).toEqual({
      ok: true,
      value: { kind: 'cpf', value: '11144477735', formatted: '111.444.777-35' },
    });
    expect(checkTaxId('12345678909')).toMatchObject({ ok: true, value: { formatted: '123.456.789-09' } });
    expect(checkTaxId(' 123 456 789 09 ')).toMatchObject({ ok: true });
  });

  it('says why a CPF is refused', () => {
    expect(checkTaxId('123.456.789-00')).toEqual({
      ok: false,
      error: 'CPF inválido: dígitos verificadores não conferem',
    });
    expect(checkTaxId('111.111.111-11')).toEqual({
      ok: false,
      error: 'CPF inválido: todos os dígitos iguais',
    });
    expect(checkCpf('1234567890')).toEqual({ ok: false, error: 'CPF inválido: deve ter 11 dígitos, tem 10' });
    expect(checkTaxId('abc')).toMatchObject({ ok: false });
  });
});

describe('CNPJ', () => {
  it('accepts numeric CNPJs', () => {
    expect(checkTaxId('12.345.678/0001-95')).toMatchObject({
      ok: true,
      value: { kind: 'cnpj', value: '12345678000195', formatted: '12.345.678/0001-95' },
    });
    expect(checkTaxId('11.222.333/0001-81')).toMatchObject({ ok: true });
  });

  it('accepts the alphanumeric CNPJ (values = char code − 48), case-insensitive', () => {
    // 12.ABC.345/01DE-35 is the example of the Receita Federal's "Cálculo do DV do CNPJ
    // alfanumérico" (gov.br/receitafederal, documentos técnicos do CNPJ).
    expect(checkTaxId('12.ABC.345/01DE-35')).toEqual({
      ok: true,
      value: { kind: 'cnpj', value: '12ABC34501DE35', formatted: '12.ABC.345/01DE-35' },
    });
    expect(checkTaxId('12abc34501de35')).toMatchObject({ ok: true, value: { value: '12ABC34501DE35' } });
    expect(checkTaxId('12.ABC.345/01DE-36')).toEqual({
      ok: false,
      error: 'CNPJ inválido: dígitos verificadores não conferem',
    });
    expect(checkCnpj('12.ABC.345/01DE-3X')).toEqual({
      ok: false,
      error: 'CNPJ inválido: os dois últimos (dígitos verificadores) são números',
    });
  });

  it('refuses a wrong CNPJ and says why', () => {
    expect(checkTaxId('12.345.678/0001-00')).toEqual({
      ok: false,
      error: 'CNPJ inválido: dígitos verificadores não conferem',
    });
    expect(checkTaxId('00.000.000/0000-00')).toEqual({
      ok: false,
      error: 'CNPJ inválido: todos os dígitos iguais',
    });
    expect(checkTaxId('12.345.678/0001')).toEqual({
      ok: false,
      error: 'CPF/CNPJ inválido: tem 12 caracteres (CPF tem 11, CNPJ 14)',
    });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = checkTaxId(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});

describe('phone, CEP, UF', () => {
  it('accepts DDD + 8 or 9 digits with optional +55, and formats them', () => {
    expect(checkPhone('(11) 98765-4321')).toEqual({
      ok: true,
      value: { digits: '11987654321', formatted: '(11) 98765-4321' },
    });
    expect(checkPhone('+55 11 4000-1234')).toEqual({
      ok: true,
      value: { digits: '1140001234', formatted: '(11) 4000-1234' },
    });
  });

  it("refuses 'abc', a number without DDD and a DDD that does not exist", () => {
    expect(checkPhone('abc')).toEqual({
      ok: false,
      error: 'telefone inválido: use DDD e número, ex.: (11) 98765-4321',
    });
    expect(checkPhone('98765-4321')).toMatchObject({
      ok: false,
      error: expect.stringContaining('9 dígitos'),
    });
    expect(checkPhone('(20) 98765-4321')).toMatchObject({ ok: false, error: expect.stringContaining('DDD') });
  });

  it('CEP has 8 digits; UF is one of the 27', () => {
    expect(checkCep('01310-100')).toEqual({ ok: true, value: '01310100' });
    expect(checkCep('1310-100')).toMatchObject({ ok: false });
    expect(checkUf('sp')).toEqual({ ok: true, value: 'SP' });
    expect(checkUf('XX')).toEqual({ ok: false, error: 'UF inválida: XX (ex.: SP)' });
  });

  it('never throw', () => {
    fc.assert(fc.property(fc.string(), (s) => void [checkPhone(s), checkCep(s), checkUf(s)]));
  });
});
