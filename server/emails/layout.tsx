import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Preview, Text } from '@react-email/components';

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
