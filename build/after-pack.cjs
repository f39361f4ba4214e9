// electron-builder afterPack hook: flips the Electron fuses on the packaged binary. It runs
// before electron-builder signs the app. Reads the wire back and fails the build if a fuse
// did not take.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook that electron-builder require()s */

const path = require('node:path');

/** Fuse (by @electron/fuses' FuseV1Options name) → wanted value. */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** The packaged Electron executable inside appOutDir, as electron-builder names it. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

/** The config for flipFuses. `fuses` is @electron/fuses' module (ESM, loaded by import()). */
function fuseConfig(context, fuses) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // builder-util's Arch: arm64 === 3, universal (contains arm64) === 4. An arm64 macOS binary
  // must be ad-hoc re-signed after its wire changes or it will not start.
  const arm64 = context.arch === 3 || context.arch === 4;
  const config = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature: isMac && arm64 };
  for (const [name, wanted] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`after-pack: unknown fuse ${name}`);
    config[index] = wanted;
  }
  return config;
}

async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  await fuses.flipFuses(binary, fuseConfig(context, fuses));
  const wire = await fuses.getCurrentFuseWire(binary);
  const wrong = Object.entries(FUSES)
    .filter(([name, wanted]) => {
      const state = wire[fuses.FuseV1Options[name]];
      return state !== (wanted ? fuses.FuseState.ENABLE : fuses.FuseState.DISABLE);
    })
    .map(([name]) => name);
  if (wrong.length > 0) {
    throw new Error(`after-pack: fuses not set on ${binary}: ${wrong.join(', ')}`);
  }
  console.log(`  • fuses set on ${path.basename(binary)}: ${Object.keys(FUSES).join(', ')}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinaryPath = electronBinaryPath;
module.exports.fuseConfig = fuseConfig;
