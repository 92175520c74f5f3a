/**
 * A small client of the real Keystone v3 and Neutron v2.0 APIs, for the contract test: a
 * password token scoped to a project, JSON in and out, and errors that carry the service's
 * own message (Neutron's NeutronError.message, Keystone's error.message).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    readonly serviceMessage: string,
  ) {
    super(`${status} ${serviceMessage} (${method} ${url})`);
    this.name = "ApiError";
  }
}

export interface Credentials {
  readonly authUrl: string;
  readonly username: string;
  readonly password: string;
  readonly project: string;
  readonly domain?: string;
}

export class OpenStackApi {
  private constructor(
    private readonly authUrl: string,
    private readonly neutronUrl: string,
    private token: string,
    private readonly credentials: Credentials,
    /** The project the token is scoped to. */
    readonly projectId: string,
    readonly userId: string,
  ) {}

  static async connect(credentials: Credentials, neutronUrl?: string): Promise<OpenStackApi> {
    const { token, scoped } = await OpenStackApi.authenticate(credentials);
    const fromCatalog = scoped.token.catalog
      ?.find((s) => s.type === "network")
      ?.endpoints.find((e) => e.interface === "public")?.url;
    const neutron = neutronUrl ?? fromCatalog;
    if (!neutron)
      throw new Error(
        "no network endpoint in the Keystone catalog (fix: register Neutron's endpoint, or set GOVCLOUD_NEUTRON_URL)",
      );
    return new OpenStackApi(
      credentials.authUrl.replace(/\/$/, ""),
      neutron.replace(/\/$/, ""),
      token,
      credentials,
      scoped.token.project.id,
      scoped.token.user.id,
    );
  }

  private static async authenticate(credentials: Credentials) {
    const domain = { name: credentials.domain ?? "Default" };
    const body = {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: credentials.username, domain, password: credentials.password } },
        },
        scope: { project: { name: credentials.project, domain } },
      },
    };
    const url = `${credentials.authUrl.replace(/\/$/, "")}/auth/tokens`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new ApiError(response.status, "POST", url, await messageOf(response));
    const token = response.headers.get("x-subject-token")!;
    const scoped = (await response.json()) as {
      token: {
        project: { id: string };
        user: { id: string };
        catalog?: { type: string; endpoints: { interface: string; url: string }[] }[];
      };
    };
    return { token, scoped };
  }

  keystone<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(`${this.authUrl}${path}`, method, body);
  }

  neutron<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(`${this.neutronUrl}/v2.0${path}`, method, body);
  }

  private async call<T>(url: string, method: string, body: unknown, renewed = false): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: {
        "x-auth-token": this.token,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // A token lives an hour (Keystone's default): like the provider, authenticate again once and retry.
    if (response.status === 401 && !renewed) {
      await response.text();
      this.token = (await OpenStackApi.authenticate(this.credentials)).token;
      return this.call<T>(url, method, body, true);
    }
    if (!response.ok) throw new ApiError(response.status, method, url, await messageOf(response));
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { NeutronError?: { message?: string }; error?: { message?: string } };
    return body.NeutronError?.message ?? body.error?.message ?? text;
  } catch {
    return text.trim().slice(0, 500);
  }
}
