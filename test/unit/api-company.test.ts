// Empresa and Feriados through the real handler map, on a real app in a temp dir.
import { describe, expect, it } from 'vitest';
import type { HolidayRow } from '../../shared/contract/company';
import { useTestApi } from '../support/api';
import QRCode from 'qrcode';
import { pngLogo } from '../support/images';

const api = useTestApi();
const { call, ok, failure } = api;

const company = {
  name: 'Provedor Exemplo Ltda',
  document: '12.345.678/0001-95',
  email: 'financeiro@provedor.example',
  phone: '(11) 4000-1234',
  timezone: 'America/Sao_Paulo',
  state: 'SP',
  city: 'São Paulo',
};
const byDate = (rows: HolidayRow[]) => new Map(rows.map((r) => [r.date, r]));

describe('company', () => {
  it('is null until saved, then comes back as saved and announces the change', async () => {
    expect(await ok('company.get')).toBeNull();
    await ok('company.save', company);
    expect(await ok('company.get')).toEqual(company);
    expect(api.app.store.settings().company).toEqual(company);
    expect(api.events).toContainEqual({ name: 'store.changed', payload: { area: 'settings' } });
  });

  it('keeps a PNG logo and refuses anything else, or one too large, beside the logo field', async () => {
    const logo = await pngLogo(300);
    expect(((await ok('company.save', { ...company, logo })) as { logo: string }).logo).toBe(logo);
    const refused = async (value: string) =>
      failure(await call('company.save', { ...company, logo: value })).fieldErrors?.logo;
    expect(await refused('data:image/svg+xml;base64,PHN2Zy8+')).toBe(
      'logotipo deve ser uma imagem PNG ou SVG',
    );
    expect(
      await refused(`data:image/png;base64,${Buffer.from('GIF89a not a png at all').toString('base64')}`),
    ).toBe('logotipo inválido: o arquivo não é uma imagem PNG');
    // An RGBA PNG (qrcode writes them) would cost the PDF ~20 ms per invoice to decode.
    expect(await refused(await QRCode.toDataURL('logo'))).toBe(
      'logotipo com transparência ou em formato de PNG não suportado: envie a imagem pela tela Empresa, que a converte para fundo branco',
    );
    const big = `data:image/png;base64,${Buffer.alloc(101 * 1024, 1).toString('base64')}`;
    expect(await refused(big)).toBe(
      'logotipo grande demais (máximo 100 KB): use uma imagem menor ou mais simples',
    );
    expect(((await ok('company.get')) as { logo: string }).logo).toBe(logo);
  });

  it('refuses a CNPJ with the wrong number of digits, an unknown UF or time zone, beside each field', async () => {
    const error = failure(
      await call('company.save', { ...company, document: '12.345', state: 'XX', timezone: 'Mars/Olympus' }),
    );
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toMatchObject({
      document: 'CPF/CNPJ inválido: tem 5 caracteres (CPF tem 11, CNPJ 14)',
      state: expect.stringContaining('UF inválida'),
      timezone: expect.stringContaining('fuso horário desconhecido'),
    });
    expect(await ok('company.get')).toBeNull();
  });
});

describe('holidays', () => {
  it('without a state lists only national holidays; with SP adds Revolução Constitucionalista (09/07)', async () => {
    const national = byDate(await ok<HolidayRow[]>('holidays.list', { year: 2026 }));
    expect(national.get('2026-11-20')).toMatchObject({ source: 'national', custom: null });
    expect(national.has('2026-07-09')).toBe(false);

    await ok('company.save', company);
    const sp = byDate(await ok<HolidayRow[]>('holidays.list', { year: 2026 }));
    expect(sp.get('2026-07-09')).toMatchObject({ name: 'Revolução Constitucionalista', source: 'state' });
    expect(sp.get('2026-11-20')).toMatchObject({ name: 'Dia da Consciência Negra', source: 'national' });
    expect(sp.get('2026-01-25')).toMatchObject({ source: 'city' });
  });

  it('adds an own holiday, shows a yearly one in later years with its definition, and removes it', async () => {
    const rows = await ok<HolidayRow[]>('holidays.add', {
      date: '2026-03-10',
      name: 'Aniversário do provedor',
      yearly: true,
    });
    const definition = { date: '2026-03-10', name: 'Aniversário do provedor', yearly: true };
    expect(byDate(rows).get('2026-03-10')).toEqual({
      date: '2026-03-10',
      name: 'Aniversário do provedor',
      source: 'custom',
      custom: definition,
    });
    const next = byDate(await ok<HolidayRow[]>('holidays.list', { year: 2027 }));
    expect(next.get('2027-03-10')).toMatchObject({ source: 'custom', custom: definition });
    expect(api.events).toContainEqual({ name: 'store.changed', payload: { area: 'settings' } });

    await ok('holidays.remove', { date: '2026-03-10' });
    expect(api.app.store.settings().holidays).toEqual([]);
    expect(byDate(await ok<HolidayRow[]>('holidays.list', { year: 2027 })).has('2027-03-10')).toBe(false);
  });

  it('refuses a second holiday on the same day (also across years for a yearly one) in fieldErrors.date', async () => {
    await ok('holidays.add', { date: '2026-03-10', name: 'Aniversário do provedor', yearly: true });
    const same = failure(await call('holidays.add', { date: '2026-03-10', name: 'Outro' }));
    expect(same.fieldErrors?.date).toBe(
      'já existe o feriado próprio "Aniversário do provedor" em 10/03/2026 (todo ano)',
    );
    const nextYear = failure(await call('holidays.add', { date: '2028-03-10', name: 'Outro' }));
    expect(nextYear.fieldErrors?.date).toContain('Aniversário do provedor');
    expect(api.app.store.settings().holidays).toHaveLength(1);
  });

  it('refuses an own holiday on a day that already is a built-in one, naming it', async () => {
    const error = failure(await call('holidays.add', { date: '2026-12-25', name: 'Confraternização' }));
    expect(error.fieldErrors?.date).toBe('25/12/2026 já é feriado nacional: Natal');
    expect(api.app.store.settings().holidays).toEqual([]);
  });

  it('validates the date and the name, and says when there is nothing to remove', async () => {
    const error = failure(await call('holidays.add', { date: '2026-02-30', name: '' }));
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['date', 'name']);
    expect(failure(await call('holidays.remove', { date: '2026-05-05' })).code).toBe('not_found');
  });
});
