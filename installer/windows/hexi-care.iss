; Inno Setup script: the Windows installer of hexi-care (儿童关爱服务), built from the frozen
; one-folder program (installer/hexi-care.spec). Per-user install: no administrator rights needed.
; Build: installer/windows/build.ps1, or by hand (see README.md in this folder):
;   ISCC.exe /DAppVersion=0.1.0 /DFrozenDir=..\..\dist\hexi-care installer\windows\hexi-care.iss
; NOT COMPILED YET: written for Inno Setup 6.4+, never run through ISCC (see README.md).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 ...
#endif
#ifndef FrozenDir
  #define FrozenDir "..\..\dist\hexi-care"
#endif
#define AppName "儿童关爱服务"
#define AppNameEn "Hexi child care"

[Setup]
; A fixed id: later versions install over this one (and the uninstaller finds it).
AppId={{6A1F3C52-8E0B-4D7C-9B51-3E2D8F4A7C10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=hexi-care
; Per user: %LOCALAPPDATA%\Programs\hexi-care, Start menu of this user, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\hexi-care
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName} ({#AppNameEn})
UninstallDisplayIcon={app}\hexi-care-gui.exe
SetupIconFile=..\icons\hexi-care.ico
OutputDir=..\..\dist
OutputBaseFilename=hexi-care-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Close a running copy before files are replaced (Restart Manager).
CloseApplications=yes
WizardStyle=modern

[Languages]
; Chinese first: it is the default when Windows speaks neither language. Inno Setup 6.4+ ships
; ChineseSimplified.isl; for older versions see README.md.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面创建快捷方式
english.DesktopIcon=Create a desktop shortcut
chinesesimplified.CommandLine=儿童关爱服务（命令行）
english.CommandLine=Hexi child care (command line)
chinesesimplified.DataKept=您的个案数据保存在 %LOCALAPPDATA%\hexi-care，卸载程序不会删除它们。
english.DataKept=Your case data stays in %LOCALAPPDATA%\hexi-care; uninstalling does not remove it.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
; The whole frozen folder: hexi-care.exe (command line), hexi-care-gui.exe (window), _internal\.
Source: "{#FrozenDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\hexi-care-gui.exe"; Comment: "{#AppNameEn}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\hexi-care-gui.exe"; Tasks: desktopicon

[Registry]
; The command line on this user's PATH (hexi-care.exe); removed again on uninstall.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
  ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}')); \
  Flags: preservestringtype

[Run]
Filename: "{app}\hexi-care-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; \
  Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry on purpose: stores, backups, settings and logs live in the user's own
; folders (%LOCALAPPDATA%\hexi-care, and the settings file under %APPDATA%\hexi-care) and survive
; uninstalling and reinstalling. Only files this installer copied are removed.

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

procedure RemovePath(Dir: string);
var
  Paths: string;
  P: Integer;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
    exit;
  P := Pos(';' + Uppercase(Dir), Uppercase(Paths));
  if P > 0 then
  begin
    Delete(Paths, P, Length(Dir) + 1);
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    RemovePath(ExpandConstant('{app}'));
    MsgBox(CustomMessage('DataKept'), mbInformation, MB_OK);
  end;
end;
