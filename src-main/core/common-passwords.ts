/** Widely leaked passwords (lower case), refused outright; digits at the end are stripped before the check. */
export const commonPasswords = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 1234567890 1234567 111111 123123 abc123 password1 1q2w3e4r
  000000 qwertyuiop 123321 iloveyou 654321 666666 987654321 123qwe 7777777 1qaz2wsx dragon monkey letmein football
  baseball welcome welcome1 admin administrator master sunshine princess shadow superman michael jennifer trustno1
  passw0rd password123 qwerty1 starwars hello freedom whatever 1q2w3e4r5t zaq12wsx asdfghjkl asdfgh zxcvbnm
  changeme secret login access mustang charlie jordan hunter2 computer internet summer winter spring autumn
  clinic clinic123 medspa beauty botox doctor nurse reception frontdesk manager owner lumen lumen123 patient
  aaaaaaaaaa abcdefghij abcdefgh 0987654321 1111111111 1234512345 qazwsxedc michelle jessica ashley daniel
  thomas robert andrew joshua matthew anthony maggie pepper ginger cookie chocolate butterfly flower lovely
  passwordpassword letmein123 welcome123 admin123 root toor test test123 guest default pass pass123`
    .split(/\s+/)
    .filter(Boolean),
);
