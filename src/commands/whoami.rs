//! `otelctl whoami`: the runbook's `aws sts get-caller-identity`, plus the region.

use anyhow::Result;
use serde::Serialize;

use crate::aws::{self, sts};
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

#[derive(Serialize)]
struct Whoami {
    account: String,
    arn: String,
    user_id: String,
    region: String,
    profile: Option<String>,
}

impl Render for Whoami {
    fn render(&self, out: &mut Human) {
        let mut pairs = vec![
            ("Account", self.account.as_str()),
            ("ARN", self.arn.as_str()),
            ("User ID", self.user_id.as_str()),
            ("Region", self.region.as_str()),
        ];
        if let Some(profile) = &self.profile {
            pairs.push(("Profile", profile));
        }
        out.pairs(&pairs);
    }
}

pub async fn run(settings: &Settings, printer: &Printer) -> Result<()> {
    let config = aws::load(&settings.aws).await;
    let region = aws::region(&config)?;
    let spinner = printer.spinner("Asking STS who we are");
    let identity = sts::caller_identity(&aws_sdk_sts::Client::new(&config)).await?;
    drop(spinner);
    printer.result(&Whoami {
        account: identity.account,
        arn: identity.arn,
        user_id: identity.user_id,
        region,
        profile: settings.aws.profile.clone(),
    })?;
    Ok(())
}
