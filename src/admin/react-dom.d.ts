// react-dom ships no types and the admin only hands it to Decap's prebuilt file as a global.
declare module 'react-dom';
