import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';

/**
 * The frame every account email shares. Plain and text-first: no images or remote fonts
 * (many clinical mail systems block them), and the plain-text part reads the same.
 */
export function EmailLayout(props: { preview: string; children: ReactNode; footer?: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Medfolio</Text>
          {props.children}
          <Hr style={styles.hr} />
          <Text style={styles.footer}>{props.footer ?? 'You received this email because of an action on your Medfolio account.'}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * The one call to action of an email: a button, and (for links that carry a token) the bare URL
 * for clients that strip styled links. The text part already shows the URL after the button
 * label, so the bare copy is skipped there.
 */
export function ActionLink(props: { href: string; label: string; showUrl?: boolean }) {
  return (
    <>
      <Text style={styles.paragraph}>
        <Link href={props.href} style={styles.button}>
          {props.label}
        </Link>
      </Text>
      {props.showUrl ? (
        <>
          <Text style={styles.muted} data-skip-in-text="true">
            Or open this link in your browser:
          </Text>
          <Text style={styles.url} data-skip-in-text="true">
            <Link href={props.href} style={styles.url}>
              {props.href}
            </Link>
          </Text>
        </>
      ) : null}
    </>
  );
}

export const styles = {
  body: { backgroundColor: '#f4f6f8', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: '6px', margin: '0 auto', maxWidth: '560px', padding: '24px 32px' },
  brand: { color: '#0b5cad', fontSize: '20px', fontWeight: 700, margin: '0 0 16px' },
  paragraph: { color: '#1f2933', fontSize: '15px', lineHeight: '22px' },
  button: {
    backgroundColor: '#0b5cad',
    borderRadius: '4px',
    color: '#ffffff',
    display: 'inline-block',
    fontSize: '15px',
    fontWeight: 600,
    padding: '10px 18px',
    textDecoration: 'none',
  },
  url: { color: '#0b5cad', fontSize: '13px', wordBreak: 'break-all' as const },
  muted: { color: '#52606d', fontSize: '13px', lineHeight: '20px' },
  hr: { borderColor: '#e4e7eb', margin: '24px 0 12px' },
  footer: { color: '#7b8794', fontSize: '12px', lineHeight: '18px' },
};
