// afterPack hook used only by scripts/check-package.mjs (`-c.afterPack=...`): asks
// electron-builder's own LinuxTargetHelper for the .desktop entry, the shared-mime-info XML and
// the icon set that the AppImage and deb targets would install (those targets need tools from
// GitHub, so they cannot run here), and writes them to linux-probe.json next to the app.
const { readFile, writeFile } = require('node:fs/promises');
const path = require('node:path');
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');

exports.default = async function probeLinuxEntry(context) {
  const { packager } = context;
  const helper = new LinuxTargetHelper(packager);
  const desktop = await helper.computeDesktopEntry(packager.platformSpecificBuildOptions);
  const mimeFile = await helper.mimeTypeFiles;
  const icons = (await helper.icons).map((icon) => ({ size: icon.size, file: path.basename(icon.file) }));
  await writeFile(path.join(context.outDir, 'linux-probe.json'), JSON.stringify({
    desktopFileName: `${helper.getDesktopFileName()}.desktop`,
    desktop,
    mimeXml: mimeFile ? await readFile(mimeFile, 'utf8') : null,
    icons,
  }, null, 2));
};
