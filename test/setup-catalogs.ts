// Every test file sees every module's messages, as the server does, even when it calls translator() without an app.
import '../src/catalogs.ts';
