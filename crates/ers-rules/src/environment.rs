//! The NHS API platform (APIM) environments an e-RS application is registered in.

use core::{fmt, str::FromStr};

use crate::Error;

crate::id_enum! {
    /// An APIM environment. Stage 2 registers in INT, Stage 4 in PROD (FACTS §1, §2). `ALL` has
    /// PROD first; the identifier is lowercase, e.g. `prod`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Environment {
        /// Production, "PROD": where Stage 4 registers the live application.
        Prod = "prod",
        /// Integration test, "INT": where Stage 2 registers the test application.
        Int = "int",
        /// The open sandbox.
        Sandbox = "sandbox",
        /// The development environment.
        Dev = "dev",
    }
}

impl Environment {
    /// The token written in an application name, e.g. `PROD`.
    pub fn name_token(self) -> &'static str {
        match self {
            Environment::Prod => "PROD",
            Environment::Int => "INT",
            Environment::Sandbox => "SANDBOX",
            Environment::Dev => "DEV",
        }
    }

    /// What NHS calls it, e.g. "Production".
    pub fn title(self) -> &'static str {
        match self {
            Environment::Prod => "Production",
            Environment::Int => "Integration test",
            Environment::Sandbox => "Sandbox",
            Environment::Dev => "Development",
        }
    }

    /// How a form offers it: the token, then what it is and, for the two a go-live uses, its
    /// stage (Stage 2 registers in INT, Stage 4 in PROD).
    pub fn label(self) -> &'static str {
        match self {
            Environment::Prod => "PROD (Production, Stage 4)",
            Environment::Int => "INT (Integration test, Stage 2)",
            Environment::Sandbox => "SANDBOX (Sandbox)",
            Environment::Dev => "DEV (Development)",
        }
    }

    /// The token endpoint: the exact `aud` a client assertion for this environment carries (FACTS §5).
    pub fn token_url(self) -> &'static str {
        match self {
            Environment::Prod => "https://api.service.nhs.uk/oauth2/token",
            Environment::Int => "https://int.api.service.nhs.uk/oauth2/token",
            Environment::Sandbox => "https://sandbox.api.service.nhs.uk/oauth2/token",
            Environment::Dev => "https://dev.api.service.nhs.uk/oauth2/token",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_token())
    }
}

impl FromStr for Environment {
    type Err = Error;

    /// Reads `prod`, `PROD`, `Production`, `int`, `integration`, `sandbox`, `dev` in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "prod" | "production" | "live" => Ok(Environment::Prod),
            "int" | "integration" | "integration test" => Ok(Environment::Int),
            "sandbox" => Ok(Environment::Sandbox),
            "dev" | "development" => Ok(Environment::Dev),
            _ => Err(Error::UnknownEnvironment {
                given: s.to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_id_and_token_back() {
        for env in Environment::ALL {
            assert_eq!(env.id().parse::<Environment>(), Ok(env));
            assert_eq!(env.name_token().parse::<Environment>(), Ok(env));
        }
    }

    #[test]
    fn unknown_environment_is_an_error_naming_it() {
        let err = "staging".parse::<Environment>().unwrap_err();
        assert_eq!(
            err,
            Error::UnknownEnvironment {
                given: "staging".into()
            }
        );
        assert!(err.to_string().contains("`staging`"));
    }
}
