# Builds the Windows installer: the frozen program (PyInstaller), then Inno Setup.
# NOT RUN YET (see README.md): written for Windows 10/11 x64, Python 3.11 x64, Inno Setup 6.4+.
# Usage (PowerShell, from the checkout):  installer\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install --upgrade pip
.venv\Scripts\python -m pip install -e ".[dev]"
.venv\Scripts\pyinstaller --noconfirm --clean --distpath dist installer\hexi-care.spec
$version = (Select-String -Path hexi_care\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" "/DFrozenDir=..\..\dist\hexi-care" installer\windows\hexi-care.iss
Write-Output "dist\hexi-care-$version-setup.exe"
