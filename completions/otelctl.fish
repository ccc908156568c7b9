# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_otelctl_global_optspecs
    string join \n region= profile= cluster= kubeconfig= context= config= o/output= v/verbose q/quiet no-color yes h/help V/version
end

function __fish_otelctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_otelctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_otelctl_using_subcommand
    set -l cmd (__fish_otelctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c otelctl -n "__fish_otelctl_needs_command" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_needs_command" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_needs_command" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_needs_command" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_needs_command" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_needs_command" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_needs_command" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_needs_command" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_needs_command" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_needs_command" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_needs_command" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_needs_command" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "whoami" -d 'Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "kubeconfig" -d 'Manage kubeconfig entries for EKS clusters'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "iam" -d 'IAM for IRSA: the cluster\'s OIDC provider and the ALB controller\'s role'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "ecr" -d 'ECR: the image repository and the registry password'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "image" -d 'Build the otelctl image without Docker, and push images to ECR without `docker login`'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "infra" -d 'Run Terraform on terraform/ with otelctl\'s settings, catching state drift first'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "token" -d 'Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "bootstrap" -d 'Run the whole runbook as one idempotent, resumable plan, and prove traces arrive'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "helm" -d 'Install the runbook\'s Helm releases: the app, Jaeger, the collector, the ALB controller'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "doctor" -d 'Diagnose the cluster and the tracing pipeline: every runbook check, concurrently'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "port-forward" -d 'Forward a local port to Jaeger, the app or the collector, with no kubectl'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "serve" -d 'Run the traced demo service (the seed\'s Flask app, built in)'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "demo" -d 'Run the whole tracing pipeline on this machine: load → service → OTLP → receiver'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "loadgen" -d 'Send traced HTTP load and report latency, with the trace ids of the slowest requests'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "traces" -d 'Receive OTLP traces and serve them through a Jaeger-compatible query API'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c otelctl -n "__fish_otelctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -f -a "update" -d 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and not __fish_seen_subcommand_from update help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l alias -d 'Context name to write (default: the cluster ARN)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l user-alias -d 'User entry name to write (default: the cluster ARN)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l role-arn -d 'IAM role the token plugin assumes before signing' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l dry-run -d 'Print the merged kubeconfig instead of writing it'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from help" -f -a "update" -d 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`'
complete -c otelctl -n "__fish_otelctl_using_subcommand kubeconfig; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -f -a "oidc" -d 'Check the IAM OIDC provider for the cluster\'s issuer; --create associates it'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -f -a "alb-role" -d 'Check the AWS Load Balancer Controller\'s IRSA role and policy; --create fixes them'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and not __fish_seen_subcommand_from oidc alb-role help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l thumbprint -d 'SHA-1 thumbprint of the issuer\'s root CA, when it cannot be fetched from here' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l create -d 'Create the provider (or add the sts.amazonaws.com client id) when missing'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l dry-run -d 'Print the IAM calls --create would make, and make none'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from oidc" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l role-name -d 'Name of the controller\'s IAM role' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l policy-name -d 'Name of the controller\'s managed policy' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l create -d 'Create or fix whatever is missing: policy, role, trust statement, attachment'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l dry-run -d 'Print the IAM calls and policy documents --create would use, and make none'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from alb-role" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from help" -f -a "oidc" -d 'Check the IAM OIDC provider for the cluster\'s issuer; --create associates it'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from help" -f -a "alb-role" -d 'Check the AWS Load Balancer Controller\'s IRSA role and policy; --create fixes them'
complete -c otelctl -n "__fish_otelctl_using_subcommand iam; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -f -a "ensure" -d 'Create the ECR repository if it is missing, and print its URI'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -f -a "login" -d 'Print the registry password to stdout, for `docker login --password-stdin`'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and not __fish_seen_subcommand_from ensure login help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l repository -d 'Repository name (default: `repository` in otelctl.toml, else otel-demo)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l scan-on-push -d 'Scan images on push (for a new repository)'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l immutable-tags -d 'Make tags immutable (for a new repository)'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l dry-run -d 'Print the call that would create the repository, and make none'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from ensure" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from help" -f -a "ensure" -d 'Create the ECR repository if it is missing, and print its URI'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from help" -f -a "login" -d 'Print the registry password to stdout, for `docker login --password-stdin`'
complete -c otelctl -n "__fish_otelctl_using_subcommand ecr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -f -a "build" -d 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -f -a "push" -d 'Push an image to ECR (or another registry), creating the repository if needed'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and not __fish_seen_subcommand_from build push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l layout -d 'Directory to write the OCI image layout to' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l binary -d 'Static Linux otelctl binary to put in the image (repeat for several platforms) [default: this otelctl, when it is a static Linux build]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l base -d 'Base image: `scratch` (nothing under the binary), or `oci:DIR`, a local OCI layout (e.g. from `skopeo copy docker://gcr.io/distroless/static:nonroot oci:DIR`)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Platforms to build, comma-separated [default: the binary\'s]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l entrypoint-args -d 'Arguments the image passes to otelctl (its Cmd), split on spaces' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l dockerfile -d 'Build this Dockerfile with `docker build` instead (needs Docker)' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l tag -d 'Image name and tag for --dockerfile, e.g. flask-hello:dev' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l context -d 'Build context for --dockerfile [default: the Dockerfile\'s directory]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l repository -d 'Repository to push to (default: `repository` in otelctl.toml, else otel-demo)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l tag -d 'Tag to push, e.g. v1 or latest' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l from -d 'OCI image layout to push (what `otelctl image build --layout` writes)' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l docker-image -d 'An image in the local Docker engine, read with `docker save` (no `docker login`)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l registry -d 'Registry to push to instead of the account\'s ECR, e.g. 127.0.0.1:5000' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l username -d 'Username for --registry, instead of ECR\'s (the password is read from stdin)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l jobs -d 'Blobs uploaded at the same time' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l plain-http -d 'Speak plain HTTP to the registry (loopback hosts only)'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l password-stdin -d 'Read the --username password from stdin'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l dry-run -d 'Verify the image and print what would be pushed where; contact no registry'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to ECR (or another registry), creating the repository if needed'
complete -c otelctl -n "__fish_otelctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -f -a "init" -d 'terraform init'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -f -a "plan" -d 'terraform plan, with the cluster, region and repository from otelctl\'s settings'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -f -a "apply" -d 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -f -a "import" -d 'terraform import for every resource AWS has and the state lacks'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and not __fish_seen_subcommand_from init plan apply import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l dir -d 'The Terraform root module' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l dry-run -d 'Print the terraform commands instead of running them'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l dir -d 'The Terraform root module' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l dry-run -d 'Print the terraform commands instead of running them'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l dir -d 'The Terraform root module' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l dry-run -d 'Print the terraform commands instead of running them'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l auto-import -d 'Import what AWS has and the state lacks, then apply'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l dir -d 'The Terraform root module' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the terraform commands instead of running them'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "init" -d 'terraform init'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "plan" -d 'terraform plan, with the cluster, region and repository from otelctl\'s settings'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "apply" -d 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "import" -d 'terraform import for every resource AWS has and the state lacks'
complete -c otelctl -n "__fish_otelctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l role-arn -d 'IAM role to assume before signing' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand token" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l only -d 'Run only these steps (repeat or comma-separate)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l skip -d 'Leave out these steps (repeat or comma-separate)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l terraform -d 'Create the infrastructure with Terraform from this root module first' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l binary -d 'The static Linux otelctl to put in the image [default: this one, when it is]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l image-tag -d 'The image tag [default: this otelctl\'s version]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l registry -d 'Push to this registry instead of the account\'s ECR (with ECR\'s password)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l thumbprint -d 'The issuer\'s CA thumbprint, when its TLS chain cannot be read from here' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l alb-role-name -d 'The ALB controller\'s IAM role' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l timeout -d 'How long helm and the rollout wait may take, each' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l verify-timeout -d 'How long to wait for the verification traces to appear in Jaeger' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l requests -d 'How many traced requests the verification sends' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l dry-run -d 'Print the plan and what each step would change; change nothing'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l plain-http -d 'Plain http to a loopback --registry'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l reverify -d 'Measure the verification again even when Jaeger holds one from the last hour'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand bootstrap" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -f -a "install" -d '`helm upgrade --install` a release with its pinned chart and embedded values'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and not __fish_seen_subcommand_from install help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l set -d 'Set a chart value (helm\'s --set syntax); repeatable; one target only' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -s f -l values -d 'A values file layered over the embedded one; repeatable; one target only' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l version -d 'Chart version instead of the pinned one; one target only' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l image-tag -d 'The app image\'s tag in the ECR repository [default: this otelctl\'s version]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l timeout -d 'How long helm waits for each release to be ready' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l alb-role-name -d 'The ALB controller\'s IAM role, as `otelctl iam alb-role` names it' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l dry-run -d 'Print the helm commands instead of running them'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from help" -f -a "install" -d '`helm upgrade --install` a release with its pinned chart and embedded values'
complete -c otelctl -n "__fish_otelctl_using_subcommand helm; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l only -d 'Run only these checks: ids or prefixes (`cni.`, `kube`); repeat or comma-separate' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l skip -d 'Leave out these checks: ids or prefixes; repeat or comma-separate' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l timeout -d 'Give each check at most this long' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l pods-namespace -d 'Namespaces whose pods kube.pods inspects [default: the app, collector and Jaeger namespaces, and kube-system]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l terraform-dir -d 'Terraform root module for terraform.state [default: ./terraform when it exists]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l alb-role-name -d 'The ALB controller\'s IAM role, as `otelctl iam alb-role` names it' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l strict -d 'Count warnings as failures (exit 1)'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l list -d 'List the checks (id, needs, title) and exit'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l local-port -d 'Local port [default: the service\'s port]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l address -d 'Local address to listen on' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand port-forward" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l listen -d 'Address to listen on' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l otlp-endpoint -d 'OTLP endpoint, overriding OTEL_EXPORTER_OTLP_ENDPOINT (port 4317 means gRPC)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l grace -d 'How long in-flight requests may take to finish after SIGTERM or Ctrl-C' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l drain-delay -d 'After SIGTERM, keep serving (with /readyz failing) this long before closing the listener, so load balancers stop sending requests first' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l header-timeout -d 'Longest time a client may take to send its request headers (answered with 408)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l duration -d 'How long to send traffic' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l rate -d 'Requests per second across all connections' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -s c -l concurrency -d 'Concurrent connections' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l listen -d 'Demo service address (a free port is used when it is taken)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l grpc -d 'OTLP/gRPC listen address' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l http -d 'OTLP/HTTP listen address (protobuf and JSON on /v1/traces)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l ui -d 'Trace viewer and query API listen address' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l keep-running -d 'Keep the service and the receiver running after the summary, until Ctrl-C'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s c -l concurrency -d 'Concurrent connections' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s r -l rate -d 'Total requests per second (open model); without it, as fast as responses come' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s n -l requests -d 'Send exactly this many requests' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s z -l duration -d 'Send for this long' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l method -d 'HTTP method' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s H -l header -d 'A request header, `Name: value` (repeatable)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l body -d 'Request body' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l body-file -d 'Request body, read from a file' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l timeout -d 'Per-request timeout' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l warmup -d 'Send requests for this long first, without counting them' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l sample-rate -d 'Fraction of requests whose traceparent is marked sampled' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l otlp-endpoint -d 'Export a client span per request over OTLP to this endpoint' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l jaeger-url -d 'Jaeger (or otelctl traces) UI base URL, to print links to the slowest and failed traces' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l fail-on -d 'Exit 1 when a threshold is crossed, e.g. \'p99>250ms,error_rate>1%\'' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l workers -d 'How many worker pods send the load' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l namespace -d 'Namespace of the Job [default: the app namespace]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l image -d 'Worker image [default: the ECR repository\'s URI, tagged with this otelctl\'s version]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l job-timeout -d 'Give up on the workers after this long [default: the run\'s duration + 10m]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l worker -d 'Worker mode (what the Job\'s pods run): this process sends share INDEX of N of -n and --rate, and its JSON report carries its statistics for merging' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l http2 -d 'Use HTTP/2 (h2c prior knowledge for http://, ALPN for https://)'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l insecure -d 'Accept any TLS certificate'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l in-cluster -d 'Run the load from pods in the cluster (a Kubernetes Job), and merge their reports'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l keep-job -d 'Leave the Job and its pods in place afterwards (they expire after an hour)'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand loadgen" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l grpc -d 'OTLP/gRPC listen address' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l http -d 'OTLP/HTTP listen address (protobuf and JSON on /v1/traces)' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l ui -d 'Trace viewer and query API listen address' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l max-spans -d 'Most spans kept; the oldest traces are evicted beyond it' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l max-bytes-mib -d 'Most memory the stored spans may take, in MiB' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand traces" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l profile -d 'AWS shared-config profile [env: AWS_PROFILE]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l cluster -d 'EKS cluster name [env: OTELCTL_CLUSTER]' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l kubeconfig -d 'Kubeconfig file to read and write [env: KUBECONFIG]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l context -d 'Kubeconfig context to use instead of the current one' -r
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l config -d 'Configuration file [env: OTELCTL_CONFIG; default: ./otelctl.toml, then the user config directory\'s otelctl/otelctl.toml]' -r -F
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -s o -l output -d 'Output format for results on stdout' -r -f -a "human\t'Tables and sentences for people'
json\t'One JSON document, stable field names, for scripts'
junit\t'JUnit XML, one testcase per check (`otelctl doctor` only), for CI'"
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -s v -l verbose -d 'More logging on stderr (-v debug, -vv trace); RUST_LOG overrides'
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -s q -l quiet -d 'Only results and errors: no progress, no notes'
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l no-color -d 'Never colour the output [env: NO_COLOR]'
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -l yes -d 'Answer yes to every confirmation prompt'
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c otelctl -n "__fish_otelctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "whoami" -d 'Show the AWS identity and region otelctl will act as (STS GetCallerIdentity)'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "kubeconfig" -d 'Manage kubeconfig entries for EKS clusters'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "iam" -d 'IAM for IRSA: the cluster\'s OIDC provider and the ALB controller\'s role'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "ecr" -d 'ECR: the image repository and the registry password'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "image" -d 'Build the otelctl image without Docker, and push images to ECR without `docker login`'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "infra" -d 'Run Terraform on terraform/ with otelctl\'s settings, catching state drift first'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "token" -d 'Print an EKS bearer token as ExecCredential JSON (the kubeconfig exec plugin)'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "bootstrap" -d 'Run the whole runbook as one idempotent, resumable plan, and prove traces arrive'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "helm" -d 'Install the runbook\'s Helm releases: the app, Jaeger, the collector, the ALB controller'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "doctor" -d 'Diagnose the cluster and the tracing pipeline: every runbook check, concurrently'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "port-forward" -d 'Forward a local port to Jaeger, the app or the collector, with no kubectl'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "serve" -d 'Run the traced demo service (the seed\'s Flask app, built in)'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "demo" -d 'Run the whole tracing pipeline on this machine: load → service → OTLP → receiver'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "loadgen" -d 'Send traced HTTP load and report latency, with the trace ids of the slowest requests'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "traces" -d 'Receive OTLP traces and serve them through a Jaeger-compatible query API'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and not __fish_seen_subcommand_from whoami kubeconfig iam ecr image infra token bootstrap helm doctor port-forward serve demo loadgen traces completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from kubeconfig" -f -a "update" -d 'Write cluster, user and context entries for an EKS cluster, like `aws eks update-kubeconfig`'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from iam" -f -a "oidc" -d 'Check the IAM OIDC provider for the cluster\'s issuer; --create associates it'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from iam" -f -a "alb-role" -d 'Check the AWS Load Balancer Controller\'s IRSA role and policy; --create fixes them'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from ecr" -f -a "ensure" -d 'Create the ECR repository if it is missing, and print its URI'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from ecr" -f -a "login" -d 'Print the registry password to stdout, for `docker login --password-stdin`'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an OCI image whose entrypoint is otelctl (`otelctl serve`), with no Docker'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to ECR (or another registry), creating the repository if needed'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "init" -d 'terraform init'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "plan" -d 'terraform plan, with the cluster, region and repository from otelctl\'s settings'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "apply" -d 'terraform apply, refused while AWS has resources the state lacks (the 409 loop)'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "import" -d 'terraform import for every resource AWS has and the state lacks'
complete -c otelctl -n "__fish_otelctl_using_subcommand help; and __fish_seen_subcommand_from helm" -f -a "install" -d '`helm upgrade --install` a release with its pinned chart and embedded values'
