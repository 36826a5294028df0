// The internal (unversioned) core types a pod template converts to, as far as an update error shows them:
// field order and Go names from kubernetes pkg/apis/core/types.go (read at a 2025 commit, plus the fields
// 1.34/1.35 added: Container.RestartPolicyRules, Lifecycle.StopSignal, PodSpec.HostnameOverride and
// WorkloadRef, VolumeProjection.PodCertificate, VolumeSource.Image — these from the release notes, not read).
// These types have no JSON tags, so encoding/json prints every field under its Go name, zero values
// included; embedded structs (VolumeSource in Volume, LocalObjectReference in the key selectors,
// ProbeHandler in Probe) are flattened. metav1 types keep their own tags.
//
// A field is [Go name, v1 JSON name, type]. Types:
//   s i b        string, integer, bool (zero "", 0, false)
//   q            resource.Quantity, printed canonical ("0" when zero)
//   is           intstr.IntOrString (zero 0)
//   m rl         map[string]string, ResourceList (null when absent, sorted keys)
//   ss ii        []string, []int (null when absent)
//   *s *i *b *q  pointers (null when absent)
//   S:T *S:T []S:T   a struct, a pointer to one, a slice of them
//   E:T          an embedded struct: its fields inline
//   LS           *metav1.LabelSelector (JSON tags, empty parts left out)
//   X            a type not modelled here: its v1 JSON with the keys capitalized (an approximation)
export type InternalField = readonly [goName: string, jsonName: string, type: string];

const F = (spec: string): InternalField[] =>
  spec
    .trim()
    .split(/\s+/)
    .map((part) => {
      const [names, type] = part.split('=') as [string, string];
      const [go, json] = names.includes('/') ? (names.split('/') as [string, string]) : [names, names.charAt(0).toLowerCase() + names.slice(1)];
      return [go, json, type] as const;
    });

/** `Go/json=type` items; `/json` may be left out when it is the Go name with a lower-case first letter. */
export const INTERNAL_TYPES: Readonly<Record<string, readonly InternalField[]>> = {
  PodSpec: F(`
    Volumes=[]S:Volume InitContainers=[]S:Container Containers=[]S:Container EphemeralContainers=X
    RestartPolicy=s TerminationGracePeriodSeconds=*i ActiveDeadlineSeconds=*i DNSPolicy/dnsPolicy=s NodeSelector=m
    ServiceAccountName=s AutomountServiceAccountToken=*b NodeName=s SecurityContext=*S:PodSecurityContext
    ImagePullSecrets=[]S:LocalObjectReference Hostname=s Subdomain=s SetHostnameAsFQDN/setHostnameAsFQDN=*b
    Affinity=*S:Affinity SchedulerName=s Tolerations=[]S:Toleration HostAliases=[]S:HostAlias PriorityClassName=s
    Priority=*i PreemptionPolicy=*s DNSConfig/dnsConfig=*S:PodDNSConfig ReadinessGates=[]S:PodReadinessGate
    RuntimeClassName=*s Overhead=rl EnableServiceLinks=*b TopologySpreadConstraints=[]S:TopologySpreadConstraint
    OS/os=*S:PodOS SchedulingGates=[]S:PodSchedulingGate ResourceClaims=[]S:PodResourceClaim
    Resources=*S:ResourceRequirements HostnameOverride=*s WorkloadRef=X`),
  Container: F(`
    Name=s Image=s Command=ss Args=ss WorkingDir=s Ports=[]S:ContainerPort EnvFrom=[]S:EnvFromSource Env=[]S:EnvVar
    Resources=S:ResourceRequirements ResizePolicy=[]S:ContainerResizePolicy RestartPolicy=*s RestartPolicyRules=X
    VolumeMounts=[]S:VolumeMount VolumeDevices=[]S:VolumeDevice LivenessProbe=*S:Probe ReadinessProbe=*S:Probe
    StartupProbe=*S:Probe Lifecycle=*S:Lifecycle TerminationMessagePath=s TerminationMessagePolicy=s
    ImagePullPolicy=s SecurityContext=*S:SecurityContext Stdin=b StdinOnce=b TTY/tty=b`),
  ContainerPort: F('Name=s HostPort=i ContainerPort=i Protocol=s HostIP/hostIP=s'),
  EnvFromSource: F('Prefix=s ConfigMapRef=*S:ConfigMapEnvSource SecretRef=*S:SecretEnvSource'),
  ConfigMapEnvSource: F('LocalObjectReference/=E:LocalObjectReference Optional=*b'),
  SecretEnvSource: F('LocalObjectReference/=E:LocalObjectReference Optional=*b'),
  EnvVar: F('Name=s Value=s ValueFrom=*S:EnvVarSource'),
  EnvVarSource: F(`
    FieldRef=*S:ObjectFieldSelector ResourceFieldRef=*S:ResourceFieldSelector ConfigMapKeyRef=*S:KeySelector
    SecretKeyRef=*S:KeySelector FileKeyRef=X`),
  ObjectFieldSelector: F('APIVersion/apiVersion=s FieldPath=s'),
  ResourceFieldSelector: F('ContainerName=s Resource=s Divisor=q'),
  KeySelector: F('LocalObjectReference/=E:LocalObjectReference Key=s Optional=*b'),
  LocalObjectReference: F('Name=s'),
  ResourceRequirements: F('Limits=rl Requests=rl Claims=[]S:ResourceClaim'),
  ResourceClaim: F('Name=s Request=s'),
  ContainerResizePolicy: F('ResourceName=s RestartPolicy=s'),
  VolumeMount: F('Name=s ReadOnly=b RecursiveReadOnly=*s MountPath=s SubPath=s MountPropagation=*s SubPathExpr=s'),
  VolumeDevice: F('Name=s DevicePath=s'),
  Probe: F(`
    ProbeHandler/=E:ProbeHandler InitialDelaySeconds=i TimeoutSeconds=i PeriodSeconds=i SuccessThreshold=i
    FailureThreshold=i TerminationGracePeriodSeconds=*i`),
  ProbeHandler: F('Exec=*S:ExecAction HTTPGet/httpGet=*S:HTTPGetAction TCPSocket/tcpSocket=*S:TCPSocketAction GRPC/grpc=*S:GRPCAction'),
  LifecycleHandler: F('Exec=*S:ExecAction HTTPGet/httpGet=*S:HTTPGetAction TCPSocket/tcpSocket=*S:TCPSocketAction Sleep=*S:SleepAction'),
  Lifecycle: F('PostStart=*S:LifecycleHandler PreStop=*S:LifecycleHandler StopSignal=*s'),
  ExecAction: F('Command=ss'),
  HTTPGetAction: F('Path=s Port=is Host=s Scheme=s HTTPHeaders/httpHeaders=[]S:HTTPHeader'),
  HTTPHeader: F('Name=s Value=s'),
  TCPSocketAction: F('Port=is Host=s'),
  GRPCAction: F('Port=i Service=*s'),
  SleepAction: F('Seconds=i'),
  SecurityContext: F(`
    Capabilities=*S:Capabilities Privileged=*b SELinuxOptions/seLinuxOptions=*S:SELinuxOptions
    WindowsOptions=*S:WindowsSecurityContextOptions RunAsUser=*i RunAsGroup=*i RunAsNonRoot=*b
    ReadOnlyRootFilesystem=*b AllowPrivilegeEscalation=*b ProcMount=*s SeccompProfile=*S:SeccompProfile
    AppArmorProfile=*S:AppArmorProfile`),
  Capabilities: F('Add=ss Drop=ss'),
  SELinuxOptions: F('User=s Role=s Type=s Level=s'),
  WindowsSecurityContextOptions: F('GMSACredentialSpecName/gmsaCredentialSpecName=*s GMSACredentialSpec/gmsaCredentialSpec=*s RunAsUserName=*s HostProcess=*b'),
  SeccompProfile: F('Type=s LocalhostProfile=*s'),
  AppArmorProfile: F('Type=s LocalhostProfile=*s'),
  // v1 keeps hostNetwork/hostPID/hostIPC/shareProcessNamespace/hostUsers on the PodSpec; the conversion moves
  // them here (see podSecurityContextSource in ./internal-json.ts).
  PodSecurityContext: F(`
    HostNetwork=b HostPID/hostPID=b HostIPC/hostIPC=b ShareProcessNamespace=*b HostUsers=*b
    SELinuxOptions/seLinuxOptions=*S:SELinuxOptions WindowsOptions=*S:WindowsSecurityContextOptions RunAsUser=*i
    RunAsGroup=*i RunAsNonRoot=*b SupplementalGroups=ii SupplementalGroupsPolicy=*s FSGroup/fsGroup=*i
    FSGroupChangePolicy/fsGroupChangePolicy=*s Sysctls=[]S:Sysctl SeccompProfile=*S:SeccompProfile
    AppArmorProfile=*S:AppArmorProfile SELinuxChangePolicy/seLinuxChangePolicy=*s`),
  Sysctl: F('Name=s Value=s'),
  Affinity: F('NodeAffinity=*S:NodeAffinity PodAffinity=*S:PodAffinity PodAntiAffinity=*S:PodAffinity'),
  NodeAffinity: F(`
    RequiredDuringSchedulingIgnoredDuringExecution=*S:NodeSelector
    PreferredDuringSchedulingIgnoredDuringExecution=[]S:PreferredSchedulingTerm`),
  NodeSelector: F('NodeSelectorTerms=[]S:NodeSelectorTerm'),
  NodeSelectorTerm: F('MatchExpressions=[]S:NodeSelectorRequirement MatchFields=[]S:NodeSelectorRequirement'),
  NodeSelectorRequirement: F('Key=s Operator=s Values=ss'),
  PreferredSchedulingTerm: F('Weight=i Preference=S:NodeSelectorTerm'),
  PodAffinity: F(`
    RequiredDuringSchedulingIgnoredDuringExecution=[]S:PodAffinityTerm
    PreferredDuringSchedulingIgnoredDuringExecution=[]S:WeightedPodAffinityTerm`),
  WeightedPodAffinityTerm: F('Weight=i PodAffinityTerm=S:PodAffinityTerm'),
  PodAffinityTerm: F('LabelSelector=LS Namespaces=ss TopologyKey=s NamespaceSelector=LS MatchLabelKeys=ss MismatchLabelKeys=ss'),
  Toleration: F('Key=s Operator=s Value=s Effect=s TolerationSeconds=*i'),
  HostAlias: F('IP/ip=s Hostnames=ss'),
  PodDNSConfig: F('Nameservers=ss Searches=ss Options=[]S:PodDNSConfigOption'),
  PodDNSConfigOption: F('Name=s Value=*s'),
  PodReadinessGate: F('ConditionType=s'),
  TopologySpreadConstraint: F(`
    MaxSkew=i TopologyKey=s WhenUnsatisfiable=s LabelSelector=LS MinDomains=*i NodeAffinityPolicy=*s
    NodeTaintsPolicy=*s MatchLabelKeys=ss`),
  PodOS: F('Name=s'),
  PodSchedulingGate: F('Name=s'),
  PodResourceClaim: F('Name=s ResourceClaimName=*s ResourceClaimTemplateName=*s'),
  Volume: F('Name=s VolumeSource/=E:VolumeSource'),
  VolumeSource: F(`
    HostPath=*S:HostPathVolumeSource EmptyDir=*S:EmptyDirVolumeSource GCEPersistentDisk/gcePersistentDisk=X
    AWSElasticBlockStore/awsElasticBlockStore=X GitRepo=X Secret=*S:SecretVolumeSource NFS/nfs=*S:NFSVolumeSource
    ISCSI/iscsi=X Glusterfs=X PersistentVolumeClaim=*S:PersistentVolumeClaimVolumeSource RBD/rbd=X Quobyte=X
    FlexVolume=X Cinder=X CephFS/cephfs=X Flocker=X DownwardAPI/downwardAPI=*S:DownwardAPIVolumeSource FC/fc=X
    AzureFile=X ConfigMap=*S:ConfigMapVolumeSource VsphereVolume=X AzureDisk=X PhotonPersistentDisk=X
    Projected=*S:ProjectedVolumeSource PortworxVolume=X ScaleIO/scaleIO=X StorageOS/storageos=X CSI/csi=*S:CSIVolumeSource
    Ephemeral=X Image=*S:ImageVolumeSource`),
  HostPathVolumeSource: F('Path=s Type=*s'),
  EmptyDirVolumeSource: F('Medium=s SizeLimit=*q'),
  SecretVolumeSource: F('SecretName=s Items=[]S:KeyToPath DefaultMode=*i Optional=*b'),
  NFSVolumeSource: F('Server=s Path=s ReadOnly=b'),
  PersistentVolumeClaimVolumeSource: F('ClaimName=s ReadOnly=b'),
  DownwardAPIVolumeSource: F('Items=[]S:DownwardAPIVolumeFile DefaultMode=*i'),
  DownwardAPIVolumeFile: F('Path=s FieldRef=*S:ObjectFieldSelector ResourceFieldRef=*S:ResourceFieldSelector Mode=*i'),
  ConfigMapVolumeSource: F('LocalObjectReference/=E:LocalObjectReference Items=[]S:KeyToPath DefaultMode=*i Optional=*b'),
  KeyToPath: F('Key=s Path=s Mode=*i'),
  ProjectedVolumeSource: F('Sources=[]S:VolumeProjection DefaultMode=*i'),
  VolumeProjection: F(`
    Secret=*S:SecretProjection DownwardAPI/downwardAPI=*S:DownwardAPIProjection ConfigMap=*S:ConfigMapProjection
    ServiceAccountToken=*S:ServiceAccountTokenProjection ClusterTrustBundle=X PodCertificate=X`),
  SecretProjection: F('LocalObjectReference/=E:LocalObjectReference Items=[]S:KeyToPath Optional=*b'),
  ConfigMapProjection: F('LocalObjectReference/=E:LocalObjectReference Items=[]S:KeyToPath Optional=*b'),
  DownwardAPIProjection: F('Items=[]S:DownwardAPIVolumeFile'),
  ServiceAccountTokenProjection: F('Audience=s ExpirationSeconds=i Path=s'),
  CSIVolumeSource: F('Driver=s ReadOnly=*b FSType/fsType=*s VolumeAttributes=m NodePublishSecretRef=*S:LocalObjectReference'),
  ImageVolumeSource: F('Reference=s PullPolicy=s'),
};
