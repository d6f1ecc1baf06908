// An e-mail's HTML as the customer would see it. sandbox="": the layout's HTML can run no script and
// reach nothing of the app.
export function MailFrame({ html, height }: { html: string; height: number }) {
  return (
    <iframe
      title="Prévia do e-mail"
      sandbox=""
      srcDoc={html}
      style={{
        width: '100%',
        height,
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-sm)',
        background: 'white',
      }}
    />
  );
}
