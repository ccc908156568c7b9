
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'otelctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'otelctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'otelctl' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Manage kubeconfig entries for EKS clusters')
            [CompletionResult]::new('iam', 'iam', [CompletionResultType]::ParameterValue, 'IAM for IRSA: the cluster''s OIDC provider and the ALB controller''s role')
            [CompletionResult]::new('ecr', 'ecr', [CompletionResultType]::ParameterValue, 'ECR: the image repository and the registry password')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Build the otelctl image without Docker, and push images to ECR without `docker login`')
            [CompletionResult]::new('infra', 'infra', [CompletionResultType]::ParameterValue, 'Run Terraform on terraform/ with otelctl''s settings, catching state drift first')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)')
            [CompletionResult]::new('bootstrap', 'bootstrap', [CompletionResultType]::ParameterValue, 'Run the whole runbook as one idempotent, resumable plan, and prove traces arrive')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Install the runbook''s Helm releases: the app, Jaeger, the collector, the ALB controller')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Diagnose the cluster and the tracing pipeline: every runbook check, concurrently')
            [CompletionResult]::new('port-forward', 'port-forward', [CompletionResultType]::ParameterValue, 'Forward a local port to Jaeger, the app or the collector, with no kubectl')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the traced demo service (the seed''s Flask app, built in)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole tracing pipeline on this machine: load → service → OTLP → receiver')
            [CompletionResult]::new('loadgen', 'loadgen', [CompletionResultType]::ParameterValue, 'Send traced HTTP load and report latency, with the trace ids of the slowest requests')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Receive OTLP traces and serve them through a Jaeger-compatible query API')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;whoami' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;kubeconfig' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;kubeconfig;update' {
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Context name to write (default: the cluster ARN)')
            [CompletionResult]::new('--user-alias', '--user-alias', [CompletionResultType]::ParameterName, 'User entry name to write (default: the cluster ARN)')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'IAM role the token plugin assumes before signing')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the merged kubeconfig instead of writing it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;kubeconfig;help' {
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;kubeconfig;help;update' {
            break
        }
        'otelctl;kubeconfig;help;help' {
            break
        }
        'otelctl;iam' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Check the IAM OIDC provider for the cluster''s issuer; --create associates it')
            [CompletionResult]::new('alb-role', 'alb-role', [CompletionResultType]::ParameterValue, 'Check the AWS Load Balancer Controller''s IRSA role and policy; --create fixes them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;iam;oidc' {
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'SHA-1 thumbprint of the issuer''s root CA, when it cannot be fetched from here')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the provider (or add the sts.amazonaws.com client id) when missing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the IAM calls --create would make, and make none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;iam;alb-role' {
            [CompletionResult]::new('--role-name', '--role-name', [CompletionResultType]::ParameterName, 'Name of the controller''s IAM role')
            [CompletionResult]::new('--policy-name', '--policy-name', [CompletionResultType]::ParameterName, 'Name of the controller''s managed policy')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create or fix whatever is missing: policy, role, trust statement, attachment')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the IAM calls and policy documents --create would use, and make none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;iam;help' {
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Check the IAM OIDC provider for the cluster''s issuer; --create associates it')
            [CompletionResult]::new('alb-role', 'alb-role', [CompletionResultType]::ParameterValue, 'Check the AWS Load Balancer Controller''s IRSA role and policy; --create fixes them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;iam;help;oidc' {
            break
        }
        'otelctl;iam;help;alb-role' {
            break
        }
        'otelctl;iam;help;help' {
            break
        }
        'otelctl;ecr' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ensure', 'ensure', [CompletionResultType]::ParameterValue, 'Create the ECR repository if it is missing, and print its URI')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Print the registry password to stdout, for `docker login --password-stdin`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;ecr;ensure' {
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Repository name (default: `repository` in otelctl.toml, else otel-demo)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--scan-on-push', '--scan-on-push', [CompletionResultType]::ParameterName, 'Scan images on push (for a new repository)')
            [CompletionResult]::new('--immutable-tags', '--immutable-tags', [CompletionResultType]::ParameterName, 'Make tags immutable (for a new repository)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the call that would create the repository, and make none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;ecr;login' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;ecr;help' {
            [CompletionResult]::new('ensure', 'ensure', [CompletionResultType]::ParameterValue, 'Create the ECR repository if it is missing, and print its URI')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Print the registry password to stdout, for `docker login --password-stdin`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;ecr;help;ensure' {
            break
        }
        'otelctl;ecr;help;login' {
            break
        }
        'otelctl;ecr;help;help' {
            break
        }
        'otelctl;image' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push an image to ECR (or another registry), creating the repository if needed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;image;build' {
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Directory to write the OCI image layout to')
            [CompletionResult]::new('--binary', '--binary', [CompletionResultType]::ParameterName, 'Static Linux otelctl binary to put in the image (repeat for several platforms) [default: this otelctl, when it is a static Linux build]')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Base image: `scratch` (nothing under the binary), or `oci:DIR`, a local OCI layout (e.g. from `skopeo copy docker://gcr.io/distroless/static:nonroot oci:DIR`)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Platforms to build, comma-separated [default: the binary''s]')
            [CompletionResult]::new('--entrypoint-args', '--entrypoint-args', [CompletionResultType]::ParameterName, 'Arguments the image passes to otelctl (its Cmd), split on spaces')
            [CompletionResult]::new('--dockerfile', '--dockerfile', [CompletionResultType]::ParameterName, 'Build this Dockerfile with `docker build` instead (needs Docker)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Image name and tag for --dockerfile, e.g. flask-hello:dev')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Build context for --dockerfile [default: the Dockerfile''s directory]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;image;push' {
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Repository to push to (default: `repository` in otelctl.toml, else otel-demo)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag to push, e.g. v1 or latest')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'OCI image layout to push (what `otelctl image build --layout` writes)')
            [CompletionResult]::new('--docker-image', '--docker-image', [CompletionResultType]::ParameterName, 'An image in the local Docker engine, read with `docker save` (no `docker login`)')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry to push to instead of the account''s ECR, e.g. 127.0.0.1:5000')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for --registry, instead of ECR''s (the password is read from stdin)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Blobs uploaded at the same time')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Speak plain HTTP to the registry (loopback hosts only)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the --username password from stdin')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Verify the image and print what would be pushed where; contact no registry')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;image;help' {
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push an image to ECR (or another registry), creating the repository if needed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;image;help;build' {
            break
        }
        'otelctl;image;help;push' {
            break
        }
        'otelctl;image;help;help' {
            break
        }
        'otelctl;infra' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'terraform init')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'terraform plan, with the cluster, region and repository from otelctl''s settings')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'terraform import for every resource AWS has and the state lacks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;infra;init' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The Terraform root module')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the terraform commands instead of running them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;infra;plan' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The Terraform root module')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the terraform commands instead of running them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;infra;apply' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The Terraform root module')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the terraform commands instead of running them')
            [CompletionResult]::new('--auto-import', '--auto-import', [CompletionResultType]::ParameterName, 'Import what AWS has and the state lacks, then apply')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;infra;import' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The Terraform root module')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the terraform commands instead of running them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;infra;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'terraform init')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'terraform plan, with the cluster, region and repository from otelctl''s settings')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'terraform import for every resource AWS has and the state lacks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;infra;help;init' {
            break
        }
        'otelctl;infra;help;plan' {
            break
        }
        'otelctl;infra;help;apply' {
            break
        }
        'otelctl;infra;help;import' {
            break
        }
        'otelctl;infra;help;help' {
            break
        }
        'otelctl;token' {
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'IAM role to assume before signing')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;bootstrap' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these steps (repeat or comma-separate)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out these steps (repeat or comma-separate)')
            [CompletionResult]::new('--terraform', '--terraform', [CompletionResultType]::ParameterName, 'Create the infrastructure with Terraform from this root module first')
            [CompletionResult]::new('--binary', '--binary', [CompletionResultType]::ParameterName, 'The static Linux otelctl to put in the image [default: this one, when it is]')
            [CompletionResult]::new('--image-tag', '--image-tag', [CompletionResultType]::ParameterName, 'The image tag [default: this otelctl''s version]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Push to this registry instead of the account''s ECR (with ECR''s password)')
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'The issuer''s CA thumbprint, when its TLS chain cannot be read from here')
            [CompletionResult]::new('--alb-role-name', '--alb-role-name', [CompletionResultType]::ParameterName, 'The ALB controller''s IAM role')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long helm and the rollout wait may take, each')
            [CompletionResult]::new('--verify-timeout', '--verify-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the verification traces to appear in Jaeger')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'How many traced requests the verification sends')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and what each step would change; change nothing')
            [CompletionResult]::new('--plain-http', '--plain-http', [CompletionResultType]::ParameterName, 'Plain http to a loopback --registry')
            [CompletionResult]::new('--reverify', '--reverify', [CompletionResultType]::ParameterName, 'Measure the verification again even when Jaeger holds one from the last hour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;helm' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, '`helm upgrade --install` a release with its pinned chart and embedded values')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;helm;install' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a chart value (helm''s --set syntax); repeatable; one target only')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A values file layered over the embedded one; repeatable; one target only')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'A values file layered over the embedded one; repeatable; one target only')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Chart version instead of the pinned one; one target only')
            [CompletionResult]::new('--image-tag', '--image-tag', [CompletionResultType]::ParameterName, 'The app image''s tag in the ECR repository [default: this otelctl''s version]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long helm waits for each release to be ready')
            [CompletionResult]::new('--alb-role-name', '--alb-role-name', [CompletionResultType]::ParameterName, 'The ALB controller''s IAM role, as `otelctl iam alb-role` names it')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the helm commands instead of running them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'otelctl;helm;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, '`helm upgrade --install` a release with its pinned chart and embedded values')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;helm;help;install' {
            break
        }
        'otelctl;helm;help;help' {
            break
        }
        'otelctl;doctor' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these checks: ids or prefixes (`cni.`, `kube`); repeat or comma-separate')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out these checks: ids or prefixes; repeat or comma-separate')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give each check at most this long')
            [CompletionResult]::new('--pods-namespace', '--pods-namespace', [CompletionResultType]::ParameterName, 'Namespaces whose pods kube.pods inspects [default: the app, collector and Jaeger namespaces, and kube-system]')
            [CompletionResult]::new('--terraform-dir', '--terraform-dir', [CompletionResultType]::ParameterName, 'Terraform root module for terraform.state [default: ./terraform when it exists]')
            [CompletionResult]::new('--alb-role-name', '--alb-role-name', [CompletionResultType]::ParameterName, 'The ALB controller''s IAM role, as `otelctl iam alb-role` names it')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Count warnings as failures (exit 1)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the checks (id, needs, title) and exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;port-forward' {
            [CompletionResult]::new('--local-port', '--local-port', [CompletionResultType]::ParameterName, 'Local port [default: the service''s port]')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Local address to listen on')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP endpoint, overriding OTEL_EXPORTER_OTLP_ENDPOINT (port 4317 means gRPC)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long in-flight requests may take to finish after SIGTERM or Ctrl-C')
            [CompletionResult]::new('--drain-delay', '--drain-delay', [CompletionResultType]::ParameterName, 'After SIGTERM, keep serving (with /readyz failing) this long before closing the listener, so load balancers stop sending requests first')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Longest time a client may take to send its request headers (answered with 408)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;demo' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to send traffic')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Requests per second across all connections')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Concurrent connections')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Concurrent connections')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Demo service address (a free port is used when it is taken)')
            [CompletionResult]::new('--grpc', '--grpc', [CompletionResultType]::ParameterName, 'OTLP/gRPC listen address')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'OTLP/HTTP listen address (protobuf and JSON on /v1/traces)')
            [CompletionResult]::new('--ui', '--ui', [CompletionResultType]::ParameterName, 'Trace viewer and query API listen address')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--keep-running', '--keep-running', [CompletionResultType]::ParameterName, 'Keep the service and the receiver running after the summary, until Ctrl-C')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;loadgen' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Concurrent connections')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Concurrent connections')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Total requests per second (open model); without it, as fast as responses come')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Total requests per second (open model); without it, as fast as responses come')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Send exactly this many requests')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Send exactly this many requests')
            [CompletionResult]::new('-z', '-z', [CompletionResultType]::ParameterName, 'Send for this long')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Send for this long')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'HTTP method')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header, `Name: value` (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, `Name: value` (repeatable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Request body')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Request body, read from a file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout')
            [CompletionResult]::new('--warmup', '--warmup', [CompletionResultType]::ParameterName, 'Send requests for this long first, without counting them')
            [CompletionResult]::new('--sample-rate', '--sample-rate', [CompletionResultType]::ParameterName, 'Fraction of requests whose traceparent is marked sampled')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'Export a client span per request over OTLP to this endpoint')
            [CompletionResult]::new('--jaeger-url', '--jaeger-url', [CompletionResultType]::ParameterName, 'Jaeger (or otelctl traces) UI base URL, to print links to the slowest and failed traces')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a threshold is crossed, e.g. ''p99>250ms,error_rate>1%''')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'How many worker pods send the load')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the Job [default: the app namespace]')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Worker image [default: the ECR repository''s URI, tagged with this otelctl''s version]')
            [CompletionResult]::new('--job-timeout', '--job-timeout', [CompletionResultType]::ParameterName, 'Give up on the workers after this long [default: the run''s duration + 10m]')
            [CompletionResult]::new('--worker', '--worker', [CompletionResultType]::ParameterName, 'Worker mode (what the Job''s pods run): this process sends share INDEX of N of -n and --rate, and its JSON report carries its statistics for merging')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--http2', '--http2', [CompletionResultType]::ParameterName, 'Use HTTP/2 (h2c prior knowledge for http://, ALPN for https://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any TLS certificate')
            [CompletionResult]::new('--in-cluster', '--in-cluster', [CompletionResultType]::ParameterName, 'Run the load from pods in the cluster (a Kubernetes Job), and merge their reports')
            [CompletionResult]::new('--keep-job', '--keep-job', [CompletionResultType]::ParameterName, 'Leave the Job and its pods in place afterwards (they expire after an hour)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;traces' {
            [CompletionResult]::new('--grpc', '--grpc', [CompletionResultType]::ParameterName, 'OTLP/gRPC listen address')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'OTLP/HTTP listen address (protobuf and JSON on /v1/traces)')
            [CompletionResult]::new('--ui', '--ui', [CompletionResultType]::ParameterName, 'Trace viewer and query API listen address')
            [CompletionResult]::new('--max-spans', '--max-spans', [CompletionResultType]::ParameterName, 'Most spans kept; the oldest traces are evicted beyond it')
            [CompletionResult]::new('--max-bytes-mib', '--max-bytes-mib', [CompletionResultType]::ParameterName, 'Most memory the stored spans may take, in MiB')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;completions' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS shared-config profile [env: AWS_PROFILE]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name [env: OTELCTL_CLUSTER]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to read and write [env: KUBECONFIG]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use instead of the current one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory''s otelctl/otelctl.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only results and errors: no progress, no notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output [env: NO_COLOR]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'otelctl;help' {
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Manage kubeconfig entries for EKS clusters')
            [CompletionResult]::new('iam', 'iam', [CompletionResultType]::ParameterValue, 'IAM for IRSA: the cluster''s OIDC provider and the ALB controller''s role')
            [CompletionResult]::new('ecr', 'ecr', [CompletionResultType]::ParameterValue, 'ECR: the image repository and the registry password')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Build the otelctl image without Docker, and push images to ECR without `docker login`')
            [CompletionResult]::new('infra', 'infra', [CompletionResultType]::ParameterValue, 'Run Terraform on terraform/ with otelctl''s settings, catching state drift first')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)')
            [CompletionResult]::new('bootstrap', 'bootstrap', [CompletionResultType]::ParameterValue, 'Run the whole runbook as one idempotent, resumable plan, and prove traces arrive')
            [CompletionResult]::new('helm', 'helm', [CompletionResultType]::ParameterValue, 'Install the runbook''s Helm releases: the app, Jaeger, the collector, the ALB controller')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Diagnose the cluster and the tracing pipeline: every runbook check, concurrently')
            [CompletionResult]::new('port-forward', 'port-forward', [CompletionResultType]::ParameterValue, 'Forward a local port to Jaeger, the app or the collector, with no kubectl')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the traced demo service (the seed''s Flask app, built in)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole tracing pipeline on this machine: load → service → OTLP → receiver')
            [CompletionResult]::new('loadgen', 'loadgen', [CompletionResultType]::ParameterValue, 'Send traced HTTP load and report latency, with the trace ids of the slowest requests')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Receive OTLP traces and serve them through a Jaeger-compatible query API')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'otelctl;help;whoami' {
            break
        }
        'otelctl;help;kubeconfig' {
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`')
            break
        }
        'otelctl;help;kubeconfig;update' {
            break
        }
        'otelctl;help;iam' {
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Check the IAM OIDC provider for the cluster''s issuer; --create associates it')
            [CompletionResult]::new('alb-role', 'alb-role', [CompletionResultType]::ParameterValue, 'Check the AWS Load Balancer Controller''s IRSA role and policy; --create fixes them')
            break
        }
        'otelctl;help;iam;oidc' {
            break
        }
        'otelctl;help;iam;alb-role' {
            break
        }
        'otelctl;help;ecr' {
            [CompletionResult]::new('ensure', 'ensure', [CompletionResultType]::ParameterValue, 'Create the ECR repository if it is missing, and print its URI')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Print the registry password to stdout, for `docker login --password-stdin`')
            break
        }
        'otelctl;help;ecr;ensure' {
            break
        }
        'otelctl;help;ecr;login' {
            break
        }
        'otelctl;help;image' {
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push an image to ECR (or another registry), creating the repository if needed')
            break
        }
        'otelctl;help;image;build' {
            break
        }
        'otelctl;help;image;push' {
            break
        }
        'otelctl;help;infra' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'terraform init')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'terraform plan, with the cluster, region and repository from otelctl''s settings')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'terraform import for every resource AWS has and the state lacks')
            break
        }
        'otelctl;help;infra;init' {
            break
        }
        'otelctl;help;infra;plan' {
            break
        }
        'otelctl;help;infra;apply' {
            break
        }
        'otelctl;help;infra;import' {
            break
        }
        'otelctl;help;token' {
            break
        }
        'otelctl;help;bootstrap' {
            break
        }
        'otelctl;help;helm' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, '`helm upgrade --install` a release with its pinned chart and embedded values')
            break
        }
        'otelctl;help;helm;install' {
            break
        }
        'otelctl;help;doctor' {
            break
        }
        'otelctl;help;port-forward' {
            break
        }
        'otelctl;help;serve' {
            break
        }
        'otelctl;help;demo' {
            break
        }
        'otelctl;help;loadgen' {
            break
        }
        'otelctl;help;traces' {
            break
        }
        'otelctl;help;completions' {
            break
        }
        'otelctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
