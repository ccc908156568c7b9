//! Is this file a static Linux executable, and for which CPU?
//!
//! A scratch image has no dynamic loader and no libc, so the binary in it must be static:
//! an ELF file with no `PT_INTERP` program header (static and static-pie musl builds both
//! qualify). Reading the ELF header is enough; nothing is executed.

/// The image architectures otelctl builds for (OCI `architecture` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arch {
    Amd64,
    Arm64,
}

impl Arch {
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::Amd64 => "amd64",
            Arch::Arm64 => "arm64",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "amd64" | "x86_64" => Some(Arch::Amd64),
            "arm64" | "aarch64" => Some(Arch::Arm64),
            _ => None,
        }
    }
}

/// Why a file cannot go into a scratch image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ElfError {
    #[error("not a Linux executable (no ELF header)")]
    NotElf,
    #[error("the ELF header is truncated or inconsistent")]
    Truncated,
    #[error("built for an unsupported CPU (ELF machine {0}); amd64 and arm64 are supported")]
    UnsupportedMachine(u16),
    #[error("dynamically linked (it needs the loader {0}), so it cannot run in a scratch image")]
    Dynamic(String),
}

const PT_INTERP: u32 = 3;

/// The architecture of a static Linux ELF executable, or why it is not one.
pub fn static_arch(bytes: &[u8]) -> Result<Arch, ElfError> {
    if bytes.len() < 16 || &bytes[..4] != b"\x7fELF" {
        return Err(ElfError::NotElf);
    }
    let wide = match bytes[4] {
        1 => false,
        2 => true,
        _ => return Err(ElfError::Truncated),
    };
    let little = match bytes[5] {
        1 => true,
        2 => false,
        _ => return Err(ElfError::Truncated),
    };
    let u16_at = |at: usize| -> Result<u16, ElfError> {
        let b: [u8; 2] = bytes
            .get(at..at + 2)
            .and_then(|s| s.try_into().ok())
            .ok_or(ElfError::Truncated)?;
        Ok(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Result<u32, ElfError> {
        let b: [u8; 4] = bytes
            .get(at..at + 4)
            .and_then(|s| s.try_into().ok())
            .ok_or(ElfError::Truncated)?;
        Ok(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let u64_at = |at: usize| -> Result<u64, ElfError> {
        let b: [u8; 8] = bytes
            .get(at..at + 8)
            .and_then(|s| s.try_into().ok())
            .ok_or(ElfError::Truncated)?;
        Ok(if little {
            u64::from_le_bytes(b)
        } else {
            u64::from_be_bytes(b)
        })
    };
    let machine = u16_at(18)?;
    let arch = match machine {
        62 => Arch::Amd64,
        183 => Arch::Arm64,
        other => return Err(ElfError::UnsupportedMachine(other)),
    };
    let (phoff, phentsize, phnum) = if wide {
        (u64_at(32)?, u16_at(54)?, u16_at(56)?)
    } else {
        (u64::from(u32_at(28)?), u16_at(42)?, u16_at(44)?)
    };
    for i in 0..u64::from(phnum) {
        let at = phoff
            .checked_add(i * u64::from(phentsize))
            .and_then(|a| usize::try_from(a).ok())
            .ok_or(ElfError::Truncated)?;
        if u32_at(at)? == PT_INTERP {
            let (off, size) = if wide {
                (u64_at(at + 8)?, u64_at(at + 32)?)
            } else {
                (u64::from(u32_at(at + 4)?), u64::from(u32_at(at + 16)?))
            };
            let interp = usize::try_from(off)
                .ok()
                .zip(usize::try_from(size).ok())
                .and_then(|(o, s)| bytes.get(o..o.checked_add(s)?))
                .map(|s| String::from_utf8_lossy(s).trim_end_matches('\0').to_owned())
                .unwrap_or_else(|| "an ELF interpreter".into());
            return Err(ElfError::Dynamic(interp));
        }
    }
    Ok(arch)
}

/// A minimal 64-bit little-endian ELF header with the given program header types: enough
/// for [`static_arch`].
#[cfg(test)]
pub fn synthetic_header(machine: u16, program_headers: &[u32]) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    b[..4].copy_from_slice(b"\x7fELF");
    b[4] = 2;
    b[5] = 1;
    b[6] = 1;
    b[16..18].copy_from_slice(&2u16.to_le_bytes());
    b[18..20].copy_from_slice(&machine.to_le_bytes());
    b[32..40].copy_from_slice(&64u64.to_le_bytes());
    b[54..56].copy_from_slice(&56u16.to_le_bytes());
    b[56..58].copy_from_slice(&(program_headers.len() as u16).to_le_bytes());
    for p_type in program_headers {
        let mut ph = vec![0u8; 56];
        ph[..4].copy_from_slice(&p_type.to_le_bytes());
        b.extend_from_slice(&ph);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_binaries_pass_with_their_arch() {
        assert_eq!(static_arch(&synthetic_header(62, &[1, 1])), Ok(Arch::Amd64));
        assert_eq!(static_arch(&synthetic_header(183, &[1])), Ok(Arch::Arm64));
    }

    #[test]
    fn an_interpreter_means_dynamic() {
        let mut b = synthetic_header(62, &[1, PT_INTERP]);
        let interp = b"/lib64/ld-linux-x86-64.so.2\0";
        let off = b.len() as u64;
        b.extend_from_slice(interp);
        let ph = 64 + 56;
        b[ph + 8..ph + 16].copy_from_slice(&off.to_le_bytes());
        b[ph + 32..ph + 40].copy_from_slice(&(interp.len() as u64).to_le_bytes());
        assert_eq!(
            static_arch(&b),
            Err(ElfError::Dynamic("/lib64/ld-linux-x86-64.so.2".into()))
        );
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(static_arch(b"#!/bin/sh\necho hi\n"), Err(ElfError::NotElf));
        assert_eq!(
            static_arch(&synthetic_header(40, &[])),
            Err(ElfError::UnsupportedMachine(40))
        );
        let mut cut = synthetic_header(62, &[1, 1]);
        cut.truncate(100);
        assert_eq!(static_arch(&cut), Err(ElfError::Truncated));
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn this_glibc_test_binary_is_dynamic() {
        let me = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        assert!(matches!(static_arch(&me), Err(ElfError::Dynamic(_))));
    }
}
