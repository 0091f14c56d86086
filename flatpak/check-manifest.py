#!/usr/bin/env python3
# Checks the Flatpak manifest without building it (the runtime cannot be downloaded here):
# it must be valid JSON, name the app and the current GNOME runtime, keep the sandbox closed
# (no home or host files), and build every library the app needs beyond the runtime from a
# pinned source.
#
# Usage: check-manifest.py MANIFEST.json
import json
import re
import sys

APP_ID = 'io.github.rightsdesk.RightsDesk'
# Libraries the GNOME runtime lacks and the app links (see the manifest's x-runtime-notes).
REQUIRED_MODULES = ['poppler', 'gmime', 'libarchive', 'qpdf']
REQUIRED_FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11',
                        '--device=dri', '--share=network',
                        '--talk-name=org.freedesktop.secrets']

failures = []


def fail(message):
    failures.append(message)


def main(path):
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'not ok: {path} is not valid JSON: {e}')
        return 1

    if manifest.get('app-id', manifest.get('id')) != APP_ID:
        fail(f'app-id is not {APP_ID}')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        fail('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'\d+', version) or int(version) < 49:
        fail(f'runtime-version “{version}” is not a current stable GNOME release')
    if manifest.get('command') != 'rightsdesk':
        fail('command must be rightsdesk')

    finish_args = manifest.get('finish-args', [])
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            fail(f'finish-args lack {arg}')
    for arg in finish_args:
        if re.match(r'--filesystem=(home|host|host-os|host-etc|~)', arg) or \
           arg.startswith('--filesystem=/'):
            fail(f'finish-args open the file system: {arg}')
        if arg in ('--talk-name=org.freedesktop.Flatpak', '--socket=session-bus',
                   '--socket=system-bus', '--device=all'):
            fail(f'finish-args escape the sandbox: {arg}')

    modules = manifest.get('modules', [])
    names = [m.get('name') if isinstance(m, dict) else m for m in modules]
    for name in REQUIRED_MODULES:
        if name not in names:
            fail(f'no module named {name}')
    if not names or names[-1] != 'rightsdesk':
        fail('the last module must be the app, rightsdesk')

    for module in modules:
        if not isinstance(module, dict):
            continue
        name = module.get('name', '?')
        sources = module.get('sources', [])
        if not sources:
            fail(f'module {name} has no sources')
        for source in sources:
            kind = source.get('type')
            if kind in ('archive', 'file') and 'url' in source:
                if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                    fail(f'module {name}: {source["url"]} has no sha256')
                if not source['url'].startswith('https://'):
                    fail(f'module {name}: {source["url"]} is not fetched over https')
            elif kind == 'git':
                if not (source.get('tag') or source.get('commit')):
                    fail(f'module {name}: the git source is not pinned to a tag or commit')
                if source.get('branch') and not source.get('commit'):
                    fail(f'module {name}: follows a branch')

    for message in failures:
        print(f'not ok: {message}')
    if failures:
        return 1
    print(f'ok: {path}: {len(names)} modules ({", ".join(map(str, names))})')
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print('usage: check-manifest.py MANIFEST.json', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
