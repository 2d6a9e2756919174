// Password rules shared by the server and the forms in the browser (no hashing code here).
export const MIN_PASSWORD_LENGTH = 12;
