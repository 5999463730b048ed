/**
 * Passwords of 12+ characters that appear near the top of public breach lists, plus ones
 * a clinician might reach for. A short list on purpose: length does most of the work.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123123123123', '111111111111', '000000000000',
  'qwertyuiopas', 'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'password1234!', 'p@ssw0rd1234',
  'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456', 'football1234', 'baseball1234',
  'sunshine1234', 'princess1234', 'monkey123456', 'dragon123456', 'master123456', 'superman1234',
  'trustno1trustno1', 'abcdefghijkl', 'abcdef123456', 'abc123abc123', 'asdfghjkl123', 'asdfasdfasdf',
  'changeme1234', 'changemenow!', 'administrator', 'administrator1', 'adminadmin123', 'letmeinplease',
  'correcthorsebatterystaple', 'medfolio1234', 'medfoliopassword', 'doctor123456', 'nurse1234567',
  'nhspassword1', 'nhspassword123', 'hospital1234', 'hospital12345', 'paramedic123', 'consultant12',
  'registrar123', 'medicine1234', 'healthcare12', 'summer2024!!', 'summer2025!!', 'winter2025!!',
  'autumn2026!!', 'spring2026!!', 'january2026!', 'london123456', 'england12345', 'manchester12',
]);
